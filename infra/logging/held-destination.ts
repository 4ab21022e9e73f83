// A log destination that holds lines until released, so the start banner is the first thing a
// newcomer reads instead of being buried under the start-up's JSON logs. Held only for the start:
// release() (after the banner, or on a failed start) writes what was held, then passes lines through.
export interface HeldDestination {
  write: (line: string) => void
  release: () => void
}

export function heldDestination (out: { write: (line: string) => unknown }): HeldDestination {
  let held: string[] | undefined = []
  return {
    write (line) { if (held !== undefined) held.push(line); else out.write(line) },
    release () {
      const lines = held ?? []
      held = undefined
      for (const line of lines) out.write(line)
    }
  }
}
