// `include=provenance`: per-field provenance and open conflict flags are sent only when asked for;
// they double the size of a record and most reads need only the values and their freshness.
export const includeParamSchema = {
  type: 'string',
  enum: ['provenance'],
  description: '`provenance`: add `meta.provenance` (where each returned field came from) and `meta.conflicts` ' +
    '(returned fields on which sources disagree). Freshness (`meta.sources`) is always sent.',
  examples: ['provenance']
} as const

export interface IncludeOptions { provenance: boolean }

export const includeOptions = (include: string | undefined): IncludeOptions =>
  ({ provenance: include === 'provenance' })
