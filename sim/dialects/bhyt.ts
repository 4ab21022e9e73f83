// Health insurance (BHYT): upper-case column names as in social-insurance exports, ISO dates, sex
// codes 1/2/3, names upper-case and sometimes without diacritics, card number of 15 characters
// (older cards) or the 10-digit social-insurance number, which is the record key.
import type { HouseholdTruth } from '../city/household.js'
import { recordTimes } from '../city/time.js'
import type { TruthPerson } from '../city/truth.js'
import { upperAscii, upperVi, type RenderContext } from './format.js'

export interface BhytCardRecord {
  MA_SO_BHXH: string
  MA_THE: string
  HO_TEN: string
  NGAY_SINH: string
  GIOI_TINH: 1 | 2 | 3
  SO_CCCD?: string
  SO_CMND?: string
  DIA_CHI: string
  MA_XA: string
  MA_DOI_TUONG: string
  MUC_HUONG: number
  MA_DKBD: string
  GT_THE_TU: string
  GT_THE_DEN: string
  NGAY_CAP_NHAT: string
  DA_XOA?: 1
}

export const BHYT_CLOCK = { systemStart: '2015-01-01', migration: '2021-04-01T00:00:00.000Z' }

export function renderBhyt (h: HouseholdTruth, ctx: RenderContext): void {
  const byId = new Map(h.persons.map(p => [p.personalId, p]))
  for (const card of h.cards) {
    const p = byId.get(card.personalId) as TruthPerson
    const key = card.socialInsuranceNumber
    const invalid = ctx.inject.shouldInvalidate() && !ctx.inject.hasConflict(p.personalId, 'bhyt')
    const value = (field: 'fullName' | 'birthDate' | 'sex' | 'wardCode'): string => invalid
      ? field === 'wardCode' ? p.permanentAddress.wardCode : p[field]
      : ctx.inject.value(p, field, 'bhyt', 'the', key)
    const name = value('fullName')
    const sex = value('sex')
    const legacy = !invalid && ctx.inject.legacyOnly(p, 'bhyt', 'the', key)
    const conflictingWard = value('wardCode')
    const ward = conflictingWard !== p.permanentAddress.wardCode || invalid
      ? conflictingWard
      : ctx.inject.wardCode(p.permanentAddress, 'bhyt', 'the', key, p.personalId)
    const times = recordTimes(ctx.style, card.validFrom, BHYT_CLOCK.systemStart, BHYT_CLOCK.migration, ctx.asOf)
    // Yearly cards are mostly renewed in one December batch run, so they share its time exactly.
    const yearly = card.validFrom.endsWith('-01-01') && card.group !== 'TE' && ctx.style.chance(0.7)
    const renewal = `${Number(card.validFrom.slice(0, 4)) - 1}-12-15T02:00:00.000Z`
    if (yearly && renewal < ctx.asOf) times.updatedAt = renewal
    const record: BhytCardRecord = {
      MA_SO_BHXH: card.socialInsuranceNumber,
      MA_THE: card.cardNumber,
      HO_TEN: ctx.style.chance(0.4) ? upperAscii(name) : upperVi(name),
      NGAY_SINH: value('birthDate'),
      GIOI_TINH: sex === 'male' ? 1 : 2,
      ...(legacy ? { SO_CMND: p.legacyId } : { SO_CCCD: p.personalId }),
      DIA_CHI: p.permanentAddress.line,
      MA_XA: ward,
      MA_DOI_TUONG: card.group,
      MUC_HUONG: card.benefitLevel,
      MA_DKBD: card.facilityCode,
      GT_THE_TU: card.validFrom,
      GT_THE_DEN: card.validTo,
      NGAY_CAP_NHAT: times.updatedAt
    }
    const raw = record as unknown as Record<string, unknown>
    if (invalid) {
      ctx.inject.invalidate(raw, 'bhyt', 'the', 'MA_SO_BHXH', key,
        { id: 'SO_CCCD', date: 'NGAY_SINH', badDate: y => `${y}-02-31`, required: 'HO_TEN' })
    }
    ctx.write('bhyt', 'the', raw)
  }
}
