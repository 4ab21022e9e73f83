// Driver-licence code tables as data, for the mapping transforms (connectors/mapping/transforms.ts).
// Legacy classes: the 2008 law's classes (Circular 12/2017/TT-BGTVT) still printed on cards issued
// before 2025, to the class of Law 36/2024/QH15 they count as. The official conversion is
// **unverified** (docs/sources/driver-licence.md), so the table holds only the conversions the
// licensing export is known to print; any other legacy class is refused with a reason (a dead
// letter for a person to look at) instead of guessed. A class of the 2024 law reads as itself.
import { LICENCE_CLASSES } from '../driver-licence.js'

export const LEGACY_LICENCE_CLASS_TO_CURRENT: Readonly<Record<string, string>> = { A1: 'A1', A2: 'A', B2: 'B', C: 'C' }

// Status codes of the licensing export (TINH_TRANG) to the canonical status.
export const LICENCE_STATUS_CODES: Readonly<Record<string, string>> = {
  HIEU_LUC: 'valid', TAM_GIU: 'suspended', THU_HOI: 'revoked', HET_HAN: 'expired'
}

export type LicenceClassResult = { ok: true, current: string, printed?: string } | {
  ok: false,
  code: 'LT_ERR_LICENCE_CLASS',
  message: string
}

export function parseLicenceClass (written: string): LicenceClassResult {
  const code = written.trim().toUpperCase()
  const legacy = LEGACY_LICENCE_CLASS_TO_CURRENT[code]
  if (legacy !== undefined) {
    return legacy === code ? { ok: true, current: code } : { ok: true, current: legacy, printed: code }
  }
  if ((LICENCE_CLASSES as readonly string[]).includes(code)) return { ok: true, current: code }
  return {
    ok: false,
    code: 'LT_ERR_LICENCE_CLASS',
    message: `'${code}' is neither a class of Law 36/2024/QH15 nor a legacy class with a known conversion`
  }
}
