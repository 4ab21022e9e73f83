// Raw-schema pattern failures are said the way a clerk can act on them, not as a regex dump.
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describeErrors, errorsReason } from '../../../schemas/validator.js'
import { datePattern } from '../../../connectors/runner/date-patterns.js'

const ajv = new Ajv2020({ allErrors: true })
const validate = ajv.compile({
  type: 'object',
  properties: { dateOfBirth: { type: 'string', pattern: datePattern('dd/MM/yyyy') },
    so_dinh_danh: { type: 'string', pattern: '^\\d{12}$' }, code: { type: 'string', pattern: '^[A-Z]{2}$' } }
})

t.test('an impossible date reads like the normalizer, an id by its digits', async t => {
  const record = { dateOfBirth: '31/02/1990', so_dinh_danh: '09208500123', code: 'vn' }
  t.notOk(validate(record))
  const reason = errorsReason(describeErrors(validate.errors, record))
  t.match(reason, '/dateOfBirth: day 31 does not exist in 02/1990')
  t.match(reason, '/so_dinh_danh: must be 12 digits, got 11 characters')
  t.match(reason, '/code: does not have the expected format')
  t.notMatch(reason, /must match pattern/)
})

t.test('a real date in another layout says so; without the data the ajv message stays', async t => {
  const record = { dateOfBirth: '1990-02-14' }
  t.notOk(validate(record))
  t.match(errorsReason(describeErrors(validate.errors, record)),
    'is the date 1990-02-14, but not written in this stream\'s date layout')
  t.match(errorsReason(describeErrors(validate.errors)), 'must match pattern')
})
