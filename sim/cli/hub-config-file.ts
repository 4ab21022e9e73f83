// The hub config file that points every built-in connector at a running simulated city (sim:serve
// --write-config FILE, or --print-config): `lienthong --config FILE` then polls these departments,
// and the same base URLs admit their exact origins to the SSRF allow-list (infra/config/load.ts).
import { writeFileSync } from 'node:fs'
import type { DepartmentSpec } from '../city/departments.js'

type Handle = DepartmentSpec['handle']

/** The hub's key for each department's source: the id of the built-in connector that polls it. */
export const connectorIds: Record<Handle, string> = {
  civilStatus: 'civil-status',
  residence: 'residence',
  land: 'land',
  bhyt: 'health-insurance',
  business: 'business-household',
  gplx: 'driver-licence',
  viecLam: 'unemployment-benefit',
  giaoDuc: 'student-enrolment',
  congChung: 'notarization',
  xayDung: 'construction-permit',
  noiVu: 'civil-servant',
  chinhSach: 'social-beneficiary',
  haTang: 'urban-infrastructure'
}

export interface HubSourcesConfig {
  $comment: string
  sources: Record<string, { baseUrl: string }>
}

export function hubSourcesConfig (urls: Record<Handle, string>): HubSourcesConfig {
  return {
    $comment: 'Written by sim:serve for the ports it chose. Run: lienthong --config <this file>. ' +
      'Each baseUrl is also admitted to the SSRF allow-list (that exact origin only).',
    sources: Object.fromEntries(Object.entries(connectorIds)
      .map(([handle, id]) => [id, { baseUrl: urls[handle as Handle] }]))
  }
}

export function writeHubConfigFile (file: string, urls: Record<Handle, string>): void {
  writeFileSync(file, JSON.stringify(hubSourcesConfig(urls), null, 2) + '\n')
}
