// The same rejection is one letter whenever it comes; a different rejection is another letter.
import t from 'tap'
import { deadLetterIdentity } from '../../../consumers/dead-letters/letter-identity.js'

const rawEvent = {
  specversion: '1.0', id: 'residence:residents:R-1:2025-07-02T08:15:00.000Z', source: '/connectors/residence/residents',
  type: 'vn.lienthong.raw.residence.residents', subject: '092085001234', time: '2025-07-02T08:15:00.000Z', op: 'r',
  key: 'R-1', position: '2025-07-02T08:15:00.000Z|R-1', connector: { id: 'residence', version: '1.0.0' },
  ingestTime: '2025-07-02T08:15:03.120Z', data: { ngay_sinh: '31021990' }
}
const letter = (value: object, headers: Record<string, string> = {}): Parameters<typeof deadLetterIdentity>[0] => ({
  topic: 'dlq.normalizer', key: '092085001234', value: JSON.stringify(value),
  headers: { 'lt-dlq-code': 'LT_ERR_MAPPING', 'lt-dlq-reason': 'person/birthDate: day 31 does not exist in 02/1990',
    'lt-dlq-origin-topic': 'source.residence', 'lt-dlq-origin-partition': '0', 'lt-dlq-origin-offset': '17',
    ...headers }
})

t.test('a change sent again later, or read again in a snapshot, is the same letter', async t => {
  const first = deadLetterIdentity(letter(rawEvent))
  t.equal(deadLetterIdentity(letter({ ...rawEvent, ingestTime: '2025-07-03T00:00:00.000Z' },
    { 'lt-dlq-origin-offset': '912' })), first, 'new ingest time and position')
  t.equal(deadLetterIdentity(letter({ ...rawEvent, op: 'u' })), first, 'snapshot read (r) and update (u)')
  const canonical = { id: 'x', source: { system: 'cu-tru', ingestTime: '2025-07-02T08:15:03.120Z' }, fields: {} }
  t.equal(deadLetterIdentity(letter(canonical)), deadLetterIdentity(letter({ ...canonical,
    source: { ...canonical.source, ingestTime: '2026-01-01T00:00:00.000Z' } })),
    'a canonical event\'s source.ingestTime')
})

t.test('another content, key, reason, origin or rejecting group is another letter', async t => {
  const first = deadLetterIdentity(letter(rawEvent))
  t.not(deadLetterIdentity(letter({ ...rawEvent, data: { ngay_sinh: '30021990' } })), first, 'content')
  t.not(deadLetterIdentity(letter({ ...rawEvent, op: 'd' })), first, 'a delete is not a write')
  t.not(deadLetterIdentity({ ...letter(rawEvent), key: '092085001235' }), first, 'key')
  t.not(deadLetterIdentity(letter(rawEvent, { 'lt-dlq-reason': 'another reason' })), first, 'reason')
  t.not(deadLetterIdentity(letter(rawEvent, { 'lt-dlq-origin-topic': 'source.land' })), first, 'origin')
  t.not(deadLetterIdentity({ ...letter(rawEvent), topic: 'dlq.merger' }), first, 'group')
})

t.test('a refused raw record wrapped in a CloudEvent is the same letter whenever it is refused', async t => {
  const { rawDeadLetter } = await import('../../../connectors/runner/raw-dead-letter.js')
  const at = (ingestTime: string) => rawDeadLetter({ manifest: { id: 'residence', version: '1.0.0' },
    stream: 'residents', sourceKey: 'R-1', record: { dateOfBirth: '31/02/1990' }, code: 'LT_ERR_RAW_SCHEMA',
    reason: '/dateOfBirth: day 31 does not exist in 02/1990', ingestTime })
  const letterOf = (m: ReturnType<typeof at>) =>
    ({ topic: 'dlq.connector.residence', key: m.key, value: m.value, headers: m.headers ?? {} })
  t.equal(deadLetterIdentity(letterOf(at('2026-01-01T00:00:00.000Z'))),
    deadLetterIdentity(letterOf(at('2026-02-01T00:00:00.000Z'))), 'new ingest time')
  const other = rawDeadLetter({ manifest: { id: 'residence', version: '1.0.0' }, stream: 'residents', sourceKey: 'R-1',
    record: { dateOfBirth: '30/02/1990' }, code: 'LT_ERR_RAW_SCHEMA',
    reason: '/dateOfBirth: day 30 does not exist in 02/1990', ingestTime: '2026-01-01T00:00:00.000Z' })
  t.not(deadLetterIdentity(letterOf(other)), deadLetterIdentity(letterOf(at('2026-01-01T00:00:00.000Z'))),
    'another record')
})
