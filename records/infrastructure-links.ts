// Equality keys of an infrastructure feature (golden record `links.*`), so the bbox reader
// (infrastructure-page.ts) narrows by ward, network and asset type in the store before it tests
// envelopes in code: the store port finds by equality only, and FerretDB pushes down nothing else.
export const INFRASTRUCTURE_LINK = {
  ward: 'links.ward',
  network: 'links.network',
  assetType: 'links.assetType'
} as const

export function infrastructureLinks (fields: Record<string, unknown>): Record<string, string> {
  const p = fields.properties
  if (p === null || typeof p !== 'object') return {}
  const { wardCode, network, assetType } = p as Record<string, unknown>
  return {
    ...(typeof wardCode === 'string' ? { ward: wardCode } : {}),
    ...(typeof network === 'string' ? { network } : {}),
    ...(typeof assetType === 'string' ? { assetType } : {})
  }
}
