// Formats of our own that built-in raw schemas may name, beside ajv-formats' standard ones:
// `wkt-wgs84`, a WKT geometry the hub can place (schemas/geo/wkt.ts: WGS 84 longitude, latitude
// inside Vietnam, lines of two positions or more, closed rings), so an asset whose geometry cannot
// be read is refused at the door and dead-lettered by the connector with the field (GEOM) named.
import type { Ajv2020 } from 'ajv/dist/2020.js'
import { parseWkt } from '../../schemas/geo/wkt.js'

export function addRawFormats (ajv: Ajv2020): Ajv2020 {
  return ajv.addFormat('wkt-wgs84', { type: 'string', validate: (s: string) => parseWkt(s).ok })
}
