// bench:ingest prints JSON lines: one per phase as it ends, then one `{"summary": {...}}`.
export function emit (line: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(line) + '\n')
}

export const round = (n: number, digits: number): number => Number(n.toFixed(digits))

export async function until (done: () => boolean | Promise<boolean>, timeoutMs: number, what: string,
  pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, pollMs))
  }
}
