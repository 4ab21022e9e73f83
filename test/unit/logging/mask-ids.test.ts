// maskIds shortens personal ids wherever they appear in a logged text, but a key's public id stays
// whole even when its random hex holds a run of 9+ digits (it identifies the client, not a person).
import t from 'tap'
import { maskIds, maskUrl } from '../../../infra/logging/mask.js'

t.test('personal ids, CMND and BHYT numbers are shortened', async t => {
  t.equal(maskIds('/v1/citizens/092090000001'), '/v1/citizens/092******001')
  t.equal(maskIds('cmnd 361234567'), 'cmnd 361***567')
  t.equal(maskIds('card GD4797920001234'), 'card GD479*******234')
})

t.test('a key id whose hex holds nine digits is kept whole', async t => {
  t.equal(maskIds('lt_dbc31ef775305368'), 'lt_dbc31ef775305368')
  t.equal(maskIds('lt_1234567890abcdef then 092090000001'), 'lt_1234567890abcdef then 092******001')
  t.equal(maskUrl('/v1/citizens/092090000001?api_key=lt_dbc31ef775305368_secretsecretsecretsecret'),
    '/v1/citizens/092******001?api_key=lt_dbc31ef775305368_[masked]')
})
