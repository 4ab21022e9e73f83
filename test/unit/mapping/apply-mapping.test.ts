import t from 'tap'
import { applyMapping } from '../../../connectors/mapping/apply-mapping.js'
import { createMappingValidator } from '../../../connectors/mapping/validate-mapping.js'
import { civilStatusMapping } from '../../../connectors/civil-status/mapping.js'
import { createSchemaValidator } from '../../../schemas/validator.js'
import type { ConnectorMapping } from '../../../connectors/mapping/mapping-schema.js'

const validator = createMappingValidator(createSchemaValidator())
const raw = {
  so_dinh_danh: '092185001234', ho_va_ten: 'NGUYỄN  THỊ minh KHAI', ngay_sinh: '14031985', gioi_tinh: 'Nữ',
  noi_sinh: 'Cần Thơ', dan_toc: 'Khơ-me', quoc_tich: 'vn', ngay_cap_nhat: '2026-01-02T03:04:05.000Z'
}

t.test('the civil-status mapping is valid and maps a dialect record to a canonical person', async t => {
  t.equal(validator.validateMapping(civilStatusMapping).ok, true)
  const out = applyMapping(civilStatusMapping, 'persons', raw)
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  t.equal(out.deleted, false)
  t.same(out.entities[0], {
    entity: 'person',
    entityId: '092185001234',
    fields: {
      personalId: '092185001234', fullName: 'Nguyễn Thị Minh Khai', familyName: 'Nguyễn', middleName: 'Thị Minh',
      givenName: 'Khai',
      birthDate: '1985-03-14', sex: 'female', placeOfBirth: 'Cần Thơ', ethnicityCode: '05', nationality: 'VN'
    },
    warnings: []
  })
  t.same(validator.validateFields('person', out.entities[0].fields), [], 'output satisfies the canonical schema')
})

t.test('a birth in the future is an error with a readable reason; another future date a warning', async t => {
  const future = applyMapping(civilStatusMapping, 'persons', { ...raw, ngay_sinh: '01/01/2099' })
  t.equal(future.ok, false, 'a birth on 01/01/2099 is not accepted')
  if (!future.ok) {
    t.match(future.errors,
      [{ path: 'ngay_sinh', code: 'LT_ERR_DATE_FUTURE', message: /birth date 2099-01-01 is in the future/ }])
  }
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  t.equal(applyMapping(civilStatusMapping, 'persons', { ...raw, ngay_sinh: today }).ok, true,
    'born today (Vietnam time) is fine')
  const death = applyMapping(civilStatusMapping, 'persons', { ...raw, ngay_mat: '2099-01-01' })
  if (!death.ok) throw new Error(JSON.stringify(death.errors))
  t.equal(death.entities[0].fields.dateOfDeath, '2099-01-01', 'kept as the source wrote it')
  t.match(death.entities[0].warnings, [{ path: 'ngay_mat', code: 'LT_WARN_DATE_FUTURE' }])
})

t.test('deletes carry only the id; legacy-only records carry the CMND for linking', async t => {
  const del = applyMapping(civilStatusMapping, 'persons', { ...raw, da_xoa: true })
  t.ok(del.ok && del.deleted && Object.keys(del.entities[0].fields).length === 0)
  const legacy = applyMapping(civilStatusMapping, 'persons', { ...raw, so_dinh_danh: undefined, so_cmnd: '361234567' })
  if (!legacy.ok) throw new Error('should map')
  t.equal(legacy.entities[0].entityId, undefined)
  t.same(legacy.entities[0].legacyKey, { kind: 'cmnd', value: '361234567' })
})

t.test('bad values are reported with the path and a stable code, never half-mapped', async t => {
  const out = applyMapping(civilStatusMapping, 'persons', { ...raw, ngay_sinh: '31022001', gioi_tinh: 'X' })
  t.equal(out.ok, false)
  if (out.ok) return
  t.same(out.errors.map(e => [e.path, e.code]),
    [['ngay_sinh', 'LT_ERR_DATE_INVALID'], ['gioi_tinh', 'LT_ERR_SEX_CODE']])
  const missing = applyMapping(civilStatusMapping, 'persons', { ...raw, ho_va_ten: '' })
  t.match(missing, { ok: false, errors: [{ path: 'ho_va_ten', code: 'LT_ERR_MAPPING_REQUIRED' }] })
  const noId = applyMapping(civilStatusMapping, 'persons', { ho_va_ten: 'A B' })
  t.match(noId, { ok: false, errors: [{ code: 'LT_ERR_MAPPING_ID_MISSING' }] })
  t.match(applyMapping(civilStatusMapping, 'other', raw), { ok: false, errors: [{ code: 'LT_ERR_MAPPING_STREAM' }] })
})

t.test('arrays, nested targets, constants, conditions and ward codes', async t => {
  const mapping: ConnectorMapping = {
    streams: [{
      stream: 'parcels',
      entities: [{
        entity: 'land-parcel',
        id: { from: 'ma_thua', transform: ['parcel-id'] },
        fields: [
          { from: 'chu[].cccd', to: 'holderPersonalIds', transform: ['personal-id'] },
          { from: 'muc_dich', to: 'landUsePurposes', transform: ['land-purposes'] },
          { from: 'dia_chi', to: 'address.line', transform: ['string'] },
          { from: 'ma_xa', to: 'address.wardCode', transform: ['ward-code'] },
          { from: 'dien_tich', to: 'areaM2', transform: ['number'] }
        ]
      }, {
        entity: 'land-use-certificate',
        when: { from: 'gcn.so_seri' },
        id: { from: 'gcn.so_seri', transform: ['certificate-serial'] },
        fields: [{ const: 'Sở Tài nguyên và Môi trường', to: 'issuingBody' }]
      }]
    }]
  }
  t.equal(validator.validateMapping(mapping).ok, true)
  const out = applyMapping(mapping, 'parcels', {
    ma_thua: '31147-12-345', chu: [{ cccd: '092085001234' }, { cccd: '093190004321' }], muc_dich: 'ONT+CLN',
    dia_chi: '12 Trần Hưng Đạo', ma_xa: '31149', dien_tich: '152,5'
  })
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  t.equal(out.entities.length, 1, 'the certificate rule does not apply without a serial')
  t.same(out.entities[0].fields, {
    holderPersonalIds: ['092085001234', '093190004321'], landUsePurposes: ['ONT', 'CLN'],
    address: { line: '12 Trần Hưng Đạo', wardCode: '31147' }, areaM2: 152.5
  }, 'old ward 31149 maps to the new 31147')
  const unmapped = applyMapping(mapping, 'parcels', { ma_thua: '31147-12-345', ma_xa: '31999' })
  t.match(unmapped, { ok: true, entities: [{ warnings: [{ code: 'LT_WARN_WARD_UNMAPPED', path: 'ma_xa' }] }] })
})

t.test('a mapping that targets unknown fields or uses unknown transforms is refused', async t => {
  const bad = validator.validateMapping({ streams: [{ stream: 's',
    entities: [{ entity: 'person', id: { from: 'x' }, fields: [{ from: 'a', to: 'shoeSize' }] }] }] })
  t.match(bad,
    { ok: false, errors: [{ code: 'LT_ERR_MAPPING_UNKNOWN_FIELD', path: '/streams/0/entities/0/fields/0/to' }] })
  const badTransform = validator.validateMapping({ streams: [{ stream: 's',
    entities: [{ entity: 'person', id: { from: 'x', transform: ['eval'] }, fields: [] }] }] })
  t.match(badTransform, { ok: false, errors: [{ code: 'LT_ERR_MAPPING_INVALID' }] })
  t.match(validator.validateMapping({ streams: [] }), { ok: false })
  t.match(validator.validateMapping({ streams: [{ stream: 's',
    entities: [{ entity: 'person', id: { from: 'a..b' }, fields: [] }] }] }), { ok: false })
})

t.test('a field needs exactly one of from and const', async t => {
  const both = validator.validateMapping({ streams: [{ stream: 's',
    entities: [{ entity: 'person', id: { from: 'x' }, fields: [{ from: 'a', const: 'b', to: 'fullName' }] }] }] })
  t.match(both, { ok: false, errors: [{ code: 'LT_ERR_MAPPING_INVALID', path: '/streams/0/entities/0/fields/0' }] })
  const neither = validator.validateMapping({ streams: [{ stream: 's',
    entities: [{ entity: 'person', id: { from: 'x' }, fields: [{ to: 'fullName' }] }] }] })
  t.match(neither, { ok: false, errors: [{ code: 'LT_ERR_MAPPING_INVALID' }] })
})

t.test('people named by a legacy key in a personal-id field come out as references to link', async t => {
  const mapping: ConnectorMapping = {
    streams: [{
      stream: 'cards',
      entities: [{
        entity: 'health-insurance-card',
        id: { from: 'card' },
        fields: [
          { from: 'holder', to: 'holderPersonalId', transform: ['personal-id'],
            legacy: { from: 'holderCmnd', transform: ['cmnd'], kind: 'cmnd' } },
          { from: 'others', to: 'holderPersonalIds', transform: ['personal-id'],
            legacy: { from: 'otherCmnds', transform: ['cmnd'], kind: 'cmnd' } }
        ]
      }]
    }]
  }
  const map = (raw: Record<string, unknown>) => {
    const out = applyMapping(mapping, 'cards', { card: 'C1', ...raw })
    if (!out.ok) throw new Error(JSON.stringify(out.errors))
    return out.entities[0]
  }
  const cmndOnly = map({ holderCmnd: '361234567' })
  t.same(cmndOnly.legacyRefs, [{ field: 'holderPersonalId', kind: 'cmnd', value: '361234567' }],
    'a single field with no id takes its legacy key')
  t.equal(cmndOnly.fields.holderPersonalId, undefined)
  t.equal(map({ holder: '092185001234', holderCmnd: '361234567' }).legacyRefs, undefined,
    'a single field with an id needs no link')
  const mixed = map({ others: ['092185001234'], otherCmnds: ['361234567', '361000111'] })
  t.same(mixed.fields.holderPersonalIds, ['092185001234'])
  t.same(mixed.legacyRefs, [
    { field: 'holderPersonalIds', kind: 'cmnd', value: '361234567', list: true },
    { field: 'holderPersonalIds', kind: 'cmnd', value: '361000111', list: true }
  ], 'every legacy key of a list is a reference to add')
  const bad = applyMapping(mapping, 'cards', { card: 'C1', holderCmnd: '12' })
  t.equal(bad.ok, false, 'a malformed legacy key is an error, like any value')
})

t.test('an entity rule with each maps one entity per element of a list', async t => {
  const mapping: ConnectorMapping = {
    streams: [{
      stream: 'parcels',
      deleteWhen: { from: 'gone', equals: true },
      entities: [{
        entity: 'land-parcel', id: { from: 'id' }, fields: [{ from: 'area', to: 'areaM2', transform: ['number'] }]
      }, {
        entity: 'person',
        each: 'holders',
        when: { from: 'kind', equals: 'CCCD' },
        id: { from: 'number', transform: ['personal-id'] },
        fields: [{ from: 'name', to: 'fullName', transform: ['name.full'] }]
      }, {
        entity: 'person',
        each: 'holders',
        when: { from: 'kind', equals: 'CMND' },
        id: { from: 'none', fallback: { from: 'number', transform: ['cmnd'], kind: 'cmnd' } },
        fields: [{ from: 'name', to: 'fullName', transform: ['name.full'] }]
      }]
    }]
  }
  const holders = [
    { kind: 'CCCD', number: '092185001234', name: 'TRẦN VĂN HAI' },
    { kind: 'CMND', number: '361234567', name: 'lê thị ba' },
    { kind: 'CCCD', number: '094175003333', name: 'Ngô Tư' }
  ]
  const out = applyMapping(mapping, 'parcels', { id: 'P1', area: 120, holders })
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  t.same(out.entities.map(e => [e.entity, e.entityId ?? e.legacyKey?.value, e.fields.fullName ?? e.fields.areaM2]), [
    ['land-parcel', 'P1', 120],
    ['person', '092185001234', 'Trần Văn Hai'],
    ['person', '094175003333', 'Ngô Tư'],
    ['person', '361234567', 'Lê Thị Ba']
  ], 'paths are read from each element; when picks the rule per element')
  const bad = applyMapping(mapping, 'parcels',
    { id: 'P1', area: 120, holders: [holders[0], { kind: 'CCCD', number: '12', name: 'X' }] })
  t.equal(bad.ok, false)
  if (!bad.ok) t.same(bad.errors.map(e => e.path), ['holders[1].number'], 'an error names the element')
  const deleted = applyMapping(mapping, 'parcels', { id: 'P1', gone: true, holders })
  t.ok(deleted.ok && deleted.entities.length === 1 && deleted.entities[0].entity === 'land-parcel',
    'a delete deletes the record, not the people it names')
  const none = applyMapping(mapping, 'parcels', { id: 'P1', area: 1 })
  t.ok(none.ok && none.entities.length === 1, 'no list, no element entities')
})
