// The `bbox` query parameter of GET /v1/infrastructure: `minLon,minLat,maxLon,maxLat`, four finite
// numbers in WGS 84 range with min < max on both axes (RFC 7946 section 5 order). Anything else is
// 400 LT_ERR_BBOX_INVALID naming the parameter and what is wrong; a box across the antimeridian
// (minLon > maxLon) is refused too: the city is nowhere near it.
import type { Bbox } from '../../schemas/geo/bbox.js'
import { ApiProblem } from '../problem.js'

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/

const invalid = (why: string): ApiProblem => new ApiProblem(400, 'LT_ERR_BBOX_INVALID', 'bbox is not a bounding box',
  `${why}; write bbox=minLon,minLat,maxLon,maxLat in WGS 84 degrees, e.g. 105.70,9.98,105.82,10.08.`,
  [{ path: 'querystring/bbox', message: why }])

export function parseBboxParam (text: string | undefined): Bbox {
  if (text === undefined) throw invalid('bbox is required')
  const parts = text.split(',')
  if (parts.length !== 4) throw invalid(`bbox has ${parts.length} values, not 4`)
  if (!parts.every(p => NUMBER.test(p))) throw invalid('every bbox value must be a number')
  const [w, s, e, n] = parts.map(Number) as Bbox
  if ([w, e].some(x => x < -180 || x > 180)) throw invalid('a longitude is outside -180..180')
  if ([s, n].some(y => y < -90 || y > 90)) throw invalid('a latitude is outside -90..90')
  if (!(w < e)) throw invalid('minLon must be less than maxLon')
  if (!(s < n)) throw invalid('minLat must be less than maxLat')
  return [w, s, e, n]
}
