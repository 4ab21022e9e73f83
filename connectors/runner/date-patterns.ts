// Regular expressions for the date layouts source systems use, for raw-record JSON Schemas. They
// refuse days a month never has (31 February, 31 April), so such a record goes to the connector's
// dead letters at the door. 29 February is let through for every year: the normalizer's date
// transform knows leap years and rejects the rest with a clear reason.
export type DateLayout = 'ddMMyyyy' | 'dd/MM/yyyy' | 'dd-MM-yyyy' | 'd/M/yyyy' | 'yyyy-MM-dd' | 'yyyyMMdd'

import { DATE_PATTERN_YEAR as YEAR } from '../../schemas/vietnam/dates.js'

function dayMonth (sep: string, loose: boolean, dayFirst: boolean): string {
  const z = loose ? '0?' : '0'
  const pairs: Array<[string, string]> = [
    [`(?:${z}[1-9]|1\\d|2[0-8])`, `(?:${z}[1-9]|1[0-2])`],
    ['(?:29|30)', `(?:${z}[13-9]|1[0-2])`],
    ['31', `(?:${z}[13578]|1[02])`],
    ['29', `${z}2`]
  ]
  return '(?:' + pairs.map(([d, m]) => dayFirst ? `${d}${sep}${m}` : `${m}${sep}${d}`).join('|') + ')'
}

export function datePattern (layout: DateLayout): string {
  switch (layout) {
    case 'ddMMyyyy': return `^${dayMonth('', false, true)}${YEAR}$`
    case 'dd/MM/yyyy': return `^${dayMonth('/', false, true)}/${YEAR}$`
    case 'dd-MM-yyyy': return `^${dayMonth('-', false, true)}-${YEAR}$`
    case 'd/M/yyyy': return `^${dayMonth('/', true, true)}/${YEAR}$`
    case 'yyyy-MM-dd': return `^${YEAR}-${dayMonth('-', false, false)}$`
    // The driver-licensing export (sim department gplx).
    case 'yyyyMMdd': return `^${YEAR}${dayMonth('', false, false)}$`
  }
}

/** A raw-schema property for a date written in `layout`. */
export const dateProperty = (layout: DateLayout, description: string): Record<string, unknown> =>
  ({ type: 'string', pattern: datePattern(layout), description: `${description} (${layout})` })
