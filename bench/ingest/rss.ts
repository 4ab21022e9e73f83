// The process's resident set size, sampled while the bench runs: the hub runs in this process, so
// its peak is the hub's memory (plus the simulated city's). The engines' own processes are not in it.
export interface RssSampler { maxMb: () => number, stop: () => void }

export function sampleRss (intervalMs = 250): RssSampler {
  let max = process.memoryUsage.rss()
  const timer = setInterval(() => { max = Math.max(max, process.memoryUsage.rss()) }, intervalMs)
  timer.unref()
  return {
    maxMb: () => Math.round(Math.max(max, process.memoryUsage.rss()) / 1048576),
    stop: () => clearInterval(timer)
  }
}
