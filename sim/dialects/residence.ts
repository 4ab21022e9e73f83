// Residence (cư trú): English-ish camelCase fields, dd/MM/yyyy dates, gender 'M'/'F', ethnicity by
// name, the household number and relation to its head. Authoritative for addresses.
import { ethnicityByCode } from '../../schemas/vietnam/index.js'
import type { HouseholdTruth } from '../city/household.js'
import { randomDate, recordTimes } from '../city/time.js'
import { changedAt, slashed, type RenderContext } from './format.js'

export interface ResidenceAddress { wardCode: string, addressLine: string, since?: string, from?: string, to?: string }

export interface ResidentRecord {
  personalId: string
  fullName: string
  dateOfBirth: string
  gender: 'M' | 'F'
  ethnicity: string
  householdId: string
  relationToHead: string
  headPersonalId: string
  permanentResidence: ResidenceAddress
  temporaryResidence?: ResidenceAddress
  status: 'active' | 'deceased' | 'moved-out'
  createdAt: string
  updatedAt: string
  deleted?: boolean
}

export const RESIDENCE_CLOCK = { systemStart: '2021-07-01', migration: '2022-12-31T17:00:00.000Z' }

export function renderResidence (h: HouseholdTruth, ctx: RenderContext): void {
  for (const p of h.persons) {
    const invalid = ctx.inject.shouldInvalidate() && !ctx.inject.hasConflict(p.personalId, 'residence')
    const key = p.personalId
    const times = recordTimes(ctx.style, p.birthDate, RESIDENCE_CLOCK.systemStart, RESIDENCE_CLOCK.migration, ctx.asOf)
    const since = p.birthDate > '2000-01-01' ? p.birthDate : randomDate(ctx.style, '2000-01-01', ctx.asOf.slice(0, 10))
    const record: ResidentRecord = {
      personalId: p.personalId,
      fullName: p.fullName,
      dateOfBirth: slashed(invalid ? p.birthDate : ctx.inject.value(p, 'birthDate', 'residence', 'residents', key)),
      gender: p.sex === 'male' ? 'M' : 'F',
      ethnicity: ethnicityByCode(p.ethnicityCode)?.name ?? p.ethnicityCode,
      householdId: p.householdId,
      relationToHead: p.relationToHead,
      headPersonalId: h.household.headId,
      permanentResidence: {
        wardCode: invalid ? p.permanentAddress.wardCode
          : ctx.inject.wardCode(p.permanentAddress, 'residence', 'residents', key, p.personalId),
        addressLine: p.permanentAddress.line,
        since: slashed(since)
      },
      status: p.deathDate === undefined ? 'active' : 'deceased',
      createdAt: times.createdAt,
      updatedAt: times.updatedAt
    }
    const t = p.temporaryAddress
    if (t !== undefined) {
      record.temporaryResidence = {
        wardCode: invalid ? t.wardCode : ctx.inject.wardCode(t, 'residence', 'residents', key, p.personalId),
        addressLine: t.line,
        from: slashed(t.from),
        to: slashed(t.to)
      }
    }
    if (p.deathDate !== undefined) {
      const at = changedAt(ctx.style, p.deathDate, ctx.asOf)
      if (at > record.updatedAt) record.updatedAt = at
    }
    const raw = record as unknown as Record<string, unknown>
    if (invalid) {
      ctx.inject.invalidate(raw, 'residence', 'residents', 'personalId', p.personalId,
        { id: 'personalId', date: 'dateOfBirth', badDate: y => `31/02/${y}`, required: 'fullName' })
    }
    ctx.write('residence', 'residents', raw)
  }
}
