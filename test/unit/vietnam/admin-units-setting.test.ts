// LT_ADMIN_UNITS_FILE: a city's own ward table replaces the bundled one at boot, without a code
// change; a file that does not validate stops the start naming the setting.
import t from 'tap'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { pino } from 'pino'
import type { HubConfig } from '../../../infra/config/schema.js'
import { loadReferenceData } from '../../../hub/reference-data.js'
import { currentWardCode, loadAdminUnits, useAdminUnits } from '../../../schemas/vietnam/admin-units.js'
import { transforms } from '../../../connectors/mapping/transforms.js'

const configWith = (adminUnitsFile: string): HubConfig =>
  ({ referenceData: { adminUnitsFile } }) as unknown as HubConfig
const quiet = pino({ level: 'silent' })

t.test('the setting points at the table in use, validated at boot', async t => {
  const bundled = loadAdminUnits()
  t.teardown(() => { useAdminUnits(bundled) })
  const dir = t.testdir()
  const official = join(dir, 'official.csv')
  writeFileSync(official, [
    '# version: 2025.07-official.1', '# effectiveFrom: 2025-07-01', '# provinceCode: 92', '# source: national registry',
    'code,codeStatus,kind,name,formerProvince,formedFrom',
    '31168,official,phuong,Bình Thủy,92,31168 31171'
  ].join('\n'))
  loadReferenceData(configWith(official), quiet)
  t.equal(loadAdminUnits().version, '2025.07-official.1')
  t.same(transforms['ward-code']('31171'), { ok: true, value: '31168' },
    'the mapping transform uses the replaced table')
  t.equal(currentWardCode('99001', loadAdminUnits()), undefined, 'provisional codes are superseded')

  const broken = join(dir, 'broken.csv')
  writeFileSync(broken, 'code,name\n1,x\n')
  t.throws(() => loadReferenceData(configWith(broken), quiet),
    { code: 'LT_ERR_CONFIG', setting: 'LT_ADMIN_UNITS_FILE' })
  loadReferenceData(configWith(''), quiet)
  t.equal(loadAdminUnits().units.length, 103, 'empty: the bundled table')
})
