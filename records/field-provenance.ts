// Where a merged field's value came from, in the expanded form readers see (stored compactly by
// provenance-codec.ts).

export interface FieldProvenance {
  sourceSystem: string
  sourceKey: string
  sourceTime: string
  ingestTime: string
  connector: string
  connectorVersion: string
  eventId: string
  /** authoritative: the field's configured source won; newest: no authority held a value; diacritics: the newest
   * spelling with diacritics of the name a newer bare spelling also writes. */
  rule: 'authoritative' | 'newest' | 'diacritics' | 'derived'
}
