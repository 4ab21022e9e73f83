// Pieces the department-owned sources (notary, benefits, licences, permits, civil servants) share:
// the number of an administrative decision or permit, and an amount of money. Spread into each
// schema like common.ts, so every schema still stands alone.
import { dateSchema } from './common.js'

// Decree 30/2020/NĐ-CP (administrative documents), Annex I: "Số: 123/QĐ-UBND" is a running number,
// a slash, then the abbreviations of the document type and the issuing body joined by hyphens
// (some bodies add a year or a unit: 45/2024/QĐ-UBND, 12/GPXD-SXD). Upper case, Đ allowed.
export const documentNumberSchema = {
  type: 'string',
  pattern: '^\\d{1,7}/[0-9A-ZĐ][0-9A-ZĐ/.-]{0,59}$',
  description: 'Số văn bản as printed, e.g. 1234/QĐ-UBND: number, "/", type and issuer abbreviations (Decree ' +
    '30/2020/NĐ-CP, Annex I).'
} as const

export const amountVndSchema = {
  type: 'integer',
  minimum: 0,
  description: 'An amount in đồng (VND has no minor unit in use).'
} as const

export const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'date'],
  description: 'The decision (quyết định) that grants, changes or ends the entitlement.',
  properties: {
    number: documentNumberSchema,
    date: { ...dateSchema, description: 'Date the decision was signed.' },
    issuer: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Issuing body, e.g. UBND phường Ninh Kiều; NFC.'
    }
  }
} as const
