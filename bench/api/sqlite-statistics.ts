// The embedded store's finds by a link field (a citizen's cards, parcels…) use a partial index on
// a JSON expression. The planner used to pass it over for the primary-key prefix (a scan of the
// whole collection) unless the file held planner statistics; the store now names the index in
// its SQL (INDEXED BY), so statistics should make no difference. The benchmark still clears them
// by default (a fresh hub store has none) and `--sqlite-analyze` still adds them, so a run can
// show that. Statistics live in the file, so they are set or cleared before every run.
import type { Store } from '../../infra/ports/store.js'

// The SQLite client lives in infra/ behind the ports; the benchmark only asks for the statistics.
export { setPlannerStatistics } from '../../infra/store/planner-statistics.js'

/** The link fields whose finds the benchmark makes: created here so ANALYZE can see their indexes. */
export async function createLinkIndexes (store: Store): Promise<void> {
  await store.find('health_cards', { where: { 'links.person0': '000000000000' }, limit: 1 })
}
