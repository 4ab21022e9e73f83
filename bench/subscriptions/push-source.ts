// The bench's source: a department that pushes person records to the hub (a push connector).
export const PUSH_TOKEN = 'bench-push-token-0123456789abcdefghij'
export const CONNECTOR_ID = 'bench-push'

/** The registration an integrator would POST: one stream of people, mapped to person records. */
export const pushRegistration = {
  id: CONNECTOR_ID,
  version: '1.0.0',
  sourceSystem: 'bench-push',
  title: 'Bench: a department pushing changes',
  mode: 'push',
  push: { token: PUSH_TOKEN },
  streams: [{
    name: 'people',
    primaryKey: 'ma',
    cursorField: 'cap_nhat_luc',
    rawSchema: {
      type: 'object',
      required: ['ma', 'so_dinh_danh', 'ho_ten', 'cap_nhat_luc'],
      properties: { ma: { type: 'string' }, so_dinh_danh: { type: 'string', pattern: '^\\d{12}$' },
        ho_ten: { type: 'string' }, cap_nhat_luc: { type: 'string', format: 'date-time' } }
    }
  }],
  mapping: {
    streams: [{
      stream: 'people',
      entities: [{
        entity: 'person',
        id: { from: 'so_dinh_danh', transform: ['personal-id'] },
        fields: [
          { from: 'so_dinh_danh', to: 'personalId', transform: ['personal-id'] },
          { from: 'ho_ten', to: 'fullName', transform: ['name.full'], required: true }
        ]
      }]
    }]
  }
}

/** The n-th synthetic person (ids of a range the simulated city does not use). */
export const personalIdOf = (n: number): string => `0947770${String(n).padStart(5, '0')}`
export const pushRecord = (n: number) => ({ ma: `B-${n}`, so_dinh_danh: personalIdOf(n),
  ho_ten: `Nguyễn Văn Bench ${n}`, cap_nhat_luc: new Date().toISOString() })
