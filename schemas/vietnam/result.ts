// One result shape for every parser here, so callers branch on `ok` and log a stable `code`
// instead of catching exceptions on dirty source data.
export type Failure<C extends string> = { ok: false, code: C, message: string }

export function fail<C extends string> (code: C, message: string): Failure<C> {
  return { ok: false, code, message }
}
