// Preloaded into a hub process (NODE_OPTIONS=--import=<this file>) by the slow-store fault: every
// statement run on the data folder's store.sqlite first waits LT_FAULT_STORE_DELAY_MS (default 20).
// The embedded store answers synchronously, so a slow disk or a contended file makes each call block
// the thread for that long: the wait is synchronous too (Atomics.wait), not a timer. Plain JavaScript
// because it loads before the TypeScript loader; nothing else in the process is touched.
import Database from 'better-sqlite3'

const delayMs = Number(process.env.LT_FAULT_STORE_DELAY_MS ?? 20)
const pause = new Int32Array(new SharedArrayBuffer(4))
const slow = statement => statement.database.name.endsWith('store.sqlite')

const prepare = Database.prototype.prepare
let patched = false
Database.prototype.prepare = function (...args) {
  const statement = prepare.apply(this, args)
  if (!patched) {
    patched = true
    const proto = Object.getPrototypeOf(statement)
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = proto[method]
      proto[method] = function (...params) {
        if (slow(this)) Atomics.wait(pause, 0, 0, delayMs)
        return original.apply(this, params)
      }
    }
  }
  return statement
}
// So a test can tell the fault is in place (the process prints it before its own start-up lines).
process.stderr.write(`slow-store fault: ${delayMs} ms before every store.sqlite statement\n`)
