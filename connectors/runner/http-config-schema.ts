// The settings every HTTP poll connector takes, as the config schema its manifest declares. Every
// property is described (the conformance suite checks it) and the secret is write-only: the
// registry API never echoes it and logs never show it.
export interface HttpConfigDefaults { schedule: string, pageSize: number, sizeParam: string }

export function httpPollConfigSchema (
  title: string, { schedule, pageSize, sizeParam }: HttpConfigDefaults
): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    additionalProperties: false,
    required: ['baseUrl'],
    properties: {
      baseUrl: {
        type: 'string',
        format: 'uri',
        pattern: '^https?://',
        description: 'Base URL of the source system (scheme, host and port); stream paths are appended to it.'
      },
      schedule: {
        type: 'string',
        minLength: 9,
        default: schedule,
        description: 'Six-field cron expression (seconds first) of the poll.'
      },
      pageSize: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        default: pageSize,
        description: `Records asked per page (sent as the source's '${sizeParam}' parameter; the source caps it at ` +
          `1000).`
      },
      timeoutMs: {
        type: 'integer',
        minimum: 100,
        maximum: 120000,
        default: 10000,
        description: 'Timeout of one HTTP request (headers and body), in milliseconds.'
      },
      apiKey: {
        type: 'string',
        minLength: 1,
        maxLength: 1024,
        writeOnly: true,
        description: 'API key sent as a bearer token when the source asks for one; a secret: write-only, never ' +
          'returned or logged.'
      }
    }
  }
}
