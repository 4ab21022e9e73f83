// Kafka down when the hub first connects (issue 12.3): the first publish and ping fail, and once
// Kafka answers they succeed, without a restart. Kafka "comes back" as a TCP relay on a free port
// that refuses connections first and then forwards to the real broker (the broker's metadata then
// sends the client to the broker itself), so the shared engine is never stopped.
import t from 'tap'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { openKafkaEventLog } from '../../infra/event-log/kafka.js'
import { hint, kafkaBrokers, quietLogger, testNamespace } from './engines.js'
import { waitFor } from '../helpers/wait-for.js'

async function freePort (): Promise<number> {
  const s = createServer()
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as { port: number }).port
  await new Promise(resolve => s.close(resolve))
  return port
}

function relay (port: number, target: string): Promise<Server> {
  const [host, targetPort] = target.split(':')
  const sockets = new Set<Socket>()
  const server = createServer(client => {
    const upstream = connect(Number(targetPort), host)
    for (const s of [client, upstream]) { sockets.add(s); s.on('close',
      () => sockets.delete(s)); s.on('error', () => s.destroy()) }
    client.pipe(upstream).pipe(client)
  })
  server.on('close', () => { for (const s of sockets) s.destroy() })
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)))
}

t.test('a failed first connection is retried once Kafka answers', async t => {
  const port = await freePort()
  const log = openKafkaEventLog({ brokers: [`127.0.0.1:${port}`], clientId: 'lt-first-connect', requestTimeoutMs: 3000,
    logger: quietLogger, namespace: testNamespace() })
  let server: Server | undefined
  t.teardown(async () => { await log.close(); server?.close() })

  // Nothing listens yet: Kafka is "down".
  await t.rejects(log.ping(), 'ping fails while Kafka is down')
  await t.rejects(log.publish('first-connect', [{ key: 'k', value: 'v' }]), 'publish fails while Kafka is down')

  server = await relay(port, kafkaBrokers[0])
  await waitFor(async () => await log.ping().then(() => true, () => false),
    { timeoutMs: 60000, intervalMs: 500, what: `ping through the relay (${hint})` })
  await waitFor(async () => await log.publish('first-connect', [{ key: 'k', value: 'v' }])
    .then(() => true, () => false), { timeoutMs: 60000, intervalMs: 500, what: 'a publish after Kafka came back' })
  const ends = await log.lastOffsets(['first-connect'])
  t.ok(ends.some(e => e.lastOffset !== null), 'the message is in the log')
})
