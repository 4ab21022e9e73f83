// The dead-letter envelope has one owner, infra/event-log/dead-letters.ts: what its writers put in
// the headers its readers get back, and no other file of the hub spells a header or the topic prefix
// by hand (three files did, and a header renamed in one would have been lost in the others).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import t from 'tap'
import {
  deadLetterHeaders, deadLetterTopic, groupOfDeadLetterTopic, isDeadLetterHeader, originOf, type DeadLetterOrigin
} from '../../../infra/event-log/dead-letters.js'

const root = join(import.meta.dirname, '../../..')
const owner = 'infra/event-log/dead-letters.ts'

function sources (dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap(name => {
    const path = join(dir, name)
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

t.test('what a writer puts in the headers, a reader gets back', async t => {
  const origins: DeadLetterOrigin[] = [
    { topic: 'source.residence', partition: 2, offset: '17' },
    { connector: 'tro-cap-xa-hoi', stream: 'beneficiaries', sourceKey: 'BTXH-0002' },
    { connector: 'truong-hoc', stream: 'students', sourceKey: 'line:4', file: 'hoc-sinh.csv', line: 4 }
  ]
  for (const origin of origins) {
    const headers = deadLetterHeaders({ reason: 'r', code: 'LT_ERR_X', origin })
    t.same(originOf(headers), origin)
    t.ok(Object.keys(headers).every(isDeadLetterHeader), 'every header is recognised as a dead-letter header')
  }
  t.equal(groupOfDeadLetterTopic(deadLetterTopic('connector.truong-hoc')), 'connector.truong-hoc')
})

t.test('no other file of the hub spells the headers or the topic prefix', async t => {
  const rooms = ['schemas', 'infra', 'records', 'connectors', 'consumers', 'gateway', 'sim', 'hub']
  const spelled = rooms.flatMap(sources).filter(path => relative('.', path) !== owner).filter(path => {
    const text = readFileSync(join(root, path), 'utf8')
    return /lt-dlq-|['`]dlq\.['`]|\^dlq\\\./.test(text)
  })
  t.same(spelled, [])
})
