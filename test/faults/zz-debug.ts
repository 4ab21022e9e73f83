import { mkdtempSync } from 'node:fs'
import { startFaultHub, faultHub, drained, sourceMessages, roles } from './fault-hub.js'
import { waitFor } from '../helpers/wait-for.js'
const a = mkdtempSync('/tmp/faults-explore/clean-')
const c = await startFaultHub(a); await drained(a, 'x'); const total = sourceMessages(a); await c.stopAll('SIGTERM')
const b = mkdtempSync('/tmp/faults-explore/kill-')
const hub = faultHub(b)
const starts = roles.map(r => hub.start(r).catch(() => {}))
await waitFor(() => { try { return sourceMessages(b) >= total * 0.3 } catch { return false } }, { intervalMs: 10, timeoutMs: 300000 })
await hub.kill('connectors'); console.log('killed at', sourceMessages(b), total)
await Promise.all(starts)
await hub.start('connectors'); await drained(b, 'y'); await hub.stopAll('SIGTERM')
console.log(a, b)
