// The gateway's CPU per response, per scenario: what the server process spent (event loop, SQLite,
// GC) over a scenario's warm-up and measurement, divided by the responses it sent. On a machine
// shared with other work, throughput swings with whatever else runs (the same route has measured
// 75 and 366 req/s a minute apart), while CPU per response barely moves; so for a route held against
// its floor, the floor's CPU per response over the route's is a load-independent estimate of the
// throughput share the two would have on an idle machine, where the gateway is CPU-bound. Printed
// for information next to the targets, which stay on measured throughput.
import type { LatencySummary } from './latency.js'
import type { ScenarioResult } from './targets.js'
import type { ServerProcess } from './server-process.js'

export async function serverCpuMicros (server: ServerProcess): Promise<number> {
  return (await server.request<{ micros: number }>({ type: 'cpu' }, 'cpu')).micros
}

/** The summary's statuses count every response, warm-up included, as the CPU figure does. */
export function serverCpuPerResponse (micros: number,
  summary: LatencySummary & { statuses?: Record<string, number> }): { serverCpuMsPerResponse?: number } {
  const responses = Object.values(summary.statuses ?? {}).reduce((a, b) => a + b, 0)
  return responses > 0 ? { serverCpuMsPerResponse: Math.round(micros / responses) / 1000 } : {}
}

export interface CpuShare { route: string, against: string, cpuShare: number }

/** Each lookup against the audited floor at its concurrency: floor CPU per response / lookup CPU per response. */
export function cpuShares (results: ScenarioResult[]): CpuShare[] {
  const cpu = (r: ScenarioResult | undefined): number | undefined => typeof r?.serverCpuMsPerResponse === 'number'
    ? r.serverCpuMsPerResponse : undefined
  const out: CpuShare[] = []
  for (const lookup of results.filter(r => r.kind === 'lookup')) {
    const floor = results.find(r => r.kind === 'floor-lookup-audit' && r.concurrency === lookup.concurrency)
    const route = cpu(lookup)
    const against = cpu(floor)
    if (route === undefined || against === undefined || floor === undefined || route === 0) continue
    out.push({ route: lookup.name, against: floor.name, cpuShare: Math.round(1000 * against / route) / 1000 })
  }
  return out
}
