// Pre-2025 licence classes (2008 law) to the classes of Law 36/2024/QH15, for the simulated cards.
// The official conversion is unverified (docs/sources/driver-licence.md): this table covers only
// the classes the simulated department prints, and a connector must load its own as data.
export const LEGACY_TO_CURRENT: Readonly<Record<string, string>> = { A1: 'A1', A2: 'A', B2: 'B', C: 'C' }
