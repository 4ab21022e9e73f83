// Whether an engine answers at an address, within a bound: connect, send the engine's smallest
// request and wait for the first bytes of its reply. A bare connect is not enough: a proxy or a
// firewall in between may accept every connection and never answer (seen in our sandbox).
import { connect } from 'node:net'

export type Hello = { request: Buffer, isReply: (first: Buffer) => boolean }

const ID = 0x4c54 // 'LT': the correlation / request id the replies must echo

/** Kafka ApiVersions v0, which every broker answers before anything else. */
export const kafkaHello: Hello = (() => {
  const clientId = Buffer.from('lienthong-probe')
  const body = Buffer.alloc(10 + clientId.length)
  body.writeInt16BE(18, 0) // ApiVersions
  body.writeInt16BE(0, 2) // version 0
  body.writeInt32BE(ID, 4) // correlation id
  body.writeInt16BE(clientId.length, 8)
  clientId.copy(body, 10)
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length)
  return { request: Buffer.concat([size, body]), isReply: first => first.length >= 8 && first.readInt32BE(4) === ID }
})()

/** MongoDB's legacy handshake (OP_QUERY isMaster on admin.$cmd), still answered by MongoDB 7 and FerretDB. */
export const mongoHello: Hello = (() => {
  const doc = Buffer.concat([
    Buffer.from([0x10]), Buffer.from('isMaster\0'), Buffer.from([1, 0, 0, 0]), Buffer.from([0])
  ])
  const bson = Buffer.concat([Buffer.alloc(4), doc])
  bson.writeInt32LE(bson.length)
  const query = Buffer.concat([
    Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), bson
  ])
  const header = Buffer.alloc(16)
  header.writeInt32LE(16 + query.length, 0)
  header.writeInt32LE(ID, 4) // request id
  header.writeInt32LE(0, 8)
  header.writeInt32LE(2004, 12) // OP_QUERY
  return {
    request: Buffer.concat([header, query]),
    isReply: first => first.length >= 16 && first.readInt32LE(8) === ID
  }
})()

/** Resolves undefined when the engine answered, else the reason it did not. */
export async function probeEngine (
  host: string, port: number, hello: Hello, timeoutMs: number
): Promise<string | undefined> {
  return await new Promise(resolve => {
    const socket = connect({ host, port })
    let received = Buffer.alloc(0)
    let connected = false
    const done = (reason: string | undefined): void => { clearTimeout(timer); socket.destroy(); resolve(reason) }
    const timer = setTimeout(
      () => done(
        connected
          ? `connected, but no answer within ${Math.round(timeoutMs / 1000)} s`
          : `no connection within ${Math.round(timeoutMs / 1000)} s`
      ),
      timeoutMs
    )
    socket.once('connect', () => { connected = true; socket.write(hello.request) })
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d])
      if (received.length >= 16) done(hello.isReply(received) ? undefined : 'something answered, but not this engine')
    })
    socket.once(
      'end',
      () => done(received.length > 0 &&
        hello.isReply(received) ? undefined : 'the connection was closed without an answer')
    )
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message))
  })
}
