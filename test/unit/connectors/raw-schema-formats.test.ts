// Every built-in connector's raw schema compiles with the compiler of dry runs, pushed records and
// replays (connectors/declarative/raw-schema-ajv.ts), not only with the runner's: the GIS source's
// `wkt-wgs84` format was unknown there, so a dry run of it answered 500 (CI's API contract run).
import t from 'tap'
import { compileRawSchema } from '../../../connectors/declarative/raw-schema-ajv.js'
import { builtInConnectors } from '../../../connectors/built-in.js'
import { urbanInfrastructureRawSchema } from '../../../connectors/urban-infrastructure/raw-schema.js'

t.test('every built-in raw schema compiles for dry runs and replays', async t => {
  for (const c of builtInConnectors) {
    for (const s of c.manifest.streams) {
      t.doesNotThrow(() => compileRawSchema(s.rawSchema as Record<string, unknown>), `${c.manifest.id}/${s.name}`)
    }
  }
})

t.test('the WKT format is checked there too', async t => {
  const validate = compileRawSchema({ type: 'object',
    properties: { GEOM: (urbanInfrastructureRawSchema as { properties: Record<string, unknown> }).properties.GEOM } })
  t.ok(validate({ GEOM: 'POINT (105.78 10.03)' }), 'a point in Cần Thơ')
  t.notOk(validate({ GEOM: 'POINT (10.03 105.78)' }), 'axes swapped')
})
