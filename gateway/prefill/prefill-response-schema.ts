// What POST /v1/prefill answers, as the JSON Schema the route declares and the serializer applies;
// gateway/prefill/prefill.ts derives its result types from it, so a field is named once.
export const prefillSourceSchema = {
  type: 'object',
  required: ['sourceSystem', 'sourceTime', 'ingestTime', 'confirmedAt'],
  properties: {
    sourceSystem: { type: 'string' },
    sourceTime: { type: 'string', format: 'date-time', description: 'When the value last changed at the source.' },
    ingestTime: { type: 'string', format: 'date-time' },
    confirmedAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the source last confirmed the value: the later of the hub receiving it and the connector\'s ' +
        'last successful sync or push.'
    }
  }
} as const

export const prefillResponseSchema = {
  $id: 'PrefillResponse',
  title: 'PrefillResponse',
  type: 'object',
  required: ['procedureCode', 'title', 'subjects', 'fields', 'toAsk'],
  properties: {
    procedureCode: { type: 'string' },
    title: { type: 'string' },
    subjects: { type: 'object', additionalProperties: { type: 'string' }, description: 'Role → personal id.' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'status'],
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          subject: { type: 'string' },
          path: { type: 'string', description: 'The canonical field the value comes from, e.g. person.fullName.' },
          status: { enum: ['filled', 'ask'] },
          value: {
            description: 'The value, as the canonical model holds it (a list for repeated records such as parcels).'
          },
          source: { anyOf: [prefillSourceSchema, { type: 'array', items: prefillSourceSchema }] },
          conflict: {
            type: 'object',
            properties: { sourceSystems: { type: 'array', items: { type: 'string' } }, since: { type: 'string' } }
          },
          stale: {
            type: 'boolean',
            description: 'The source has not confirmed the value (sent it, or synced successfully since) within the ' +
              'procedure\'s maxAgeDays; when it last changed does not matter.'
          },
          warnings: {
            type: 'array',
            description: 'Contradictions the record shows on this field, e.g. LT_WARN_ID_BIRTH_YEAR_MISMATCH: the ' +
              'personal id\'s year digits are not the birth date\'s. The clerk checks the papers.',
            items: {
              type: 'object',
              required: ['code', 'fields', 'message'],
              properties: {
                code: { type: 'string' },
                fields: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' }
              }
            }
          },
          reason: { type: 'string', description: 'Why the clerk must ask, for status ask.' }
        }
      }
    },
    toAsk: {
      type: 'array',
      description: 'What the clerk asks the citizen: every field the hub could not fill, with the reason.',
      items: {
        type: 'object',
        required: ['id', 'label', 'reason'],
        properties: { id: { type: 'string' }, label: { type: 'string' }, reason: { type: 'string' } }
      }
    }
  }
} as const
