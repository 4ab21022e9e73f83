// Static checks of a connector's manifest and config schema: what can be told without running it.
import type { Ajv2020 } from 'ajv/dist/2020.js'
import type { ConnectorManifest } from '../../connectors/contract.js'
import type { RawSchemaCompiler } from '../../connectors/runner/raw-schema-compiler.js'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/
const SLUG = /^[a-z][a-z0-9-]{1,62}$/
const SECRET_NAME = /(key|secret|password|token|credential)/i

export function checkManifest (m: ConnectorManifest, compile: RawSchemaCompiler,
  validCron: (expression: string) => boolean): string[] {
  const problems: string[] = []
  if (!SLUG.test(m.id)) problems.push(`id '${m.id}' is not a lower-case slug`)
  if (!SEMVER.test(m.version)) problems.push(`version '${m.version}' is not semver`)
  if (!SLUG.test(m.sourceSystem)) problems.push(`sourceSystem '${m.sourceSystem}' is not a lower-case slug`)
  if (!['poll', 'push', 'file'].includes(m.mode)) problems.push(`mode '${m.mode}' is not poll, push or file`)
  if (m.mode === 'poll'
    && (m.schedule === undefined || m.schedule.trim().split(/\s+/).length !== 6 || !validCron(m.schedule))) {
    problems.push(`schedule '${m.schedule ?? ''}' is not a six-field cron expression`)
  }
  if (m.streams.length === 0) problems.push('no streams')
  const names = m.streams.map(s => s.name)
  if (new Set(names).size !== names.length) problems.push('a stream name is used twice')
  for (const s of m.streams) {
    const properties = (s.rawSchema.properties ?? {}) as Record<string, unknown>
    if (!(s.primaryKey in properties)) {
      problems.push(`stream ${s.name}: primary key '${s.primaryKey}' is not a property of the raw schema`)
    }
    if (!(s.cursorField in properties)) {
      problems.push(`stream ${s.name}: cursor field '${s.cursorField}' is not a property of the raw schema`)
    }
    const required = (s.rawSchema.required ?? []) as string[]
    if (!required.includes(s.primaryKey)) {
      problems.push(`stream ${s.name}: primary key '${s.primaryKey}' is not required by the raw schema`)
    }
    try { compile(s.rawSchema) } catch (err) {
      problems.push(`stream ${s.name}: raw schema does not compile: ${(err as Error).message}`)
    }
  }
  return problems
}

interface Node { type?: unknown, properties?: Record<string, Node>, description?: unknown, writeOnly?: unknown }

export function checkConfigSchema (schema: Record<string, unknown> | undefined, ajv: Ajv2020): string[] {
  if (schema === undefined) return ['the manifest declares no config schema']
  const problems: string[] = []
  try { ajv.compile({ ...schema, $id: undefined }) } catch (err) {
    problems.push(`does not compile: ${(err as Error).message}`)
  }
  const walk = (node: Node, path: string): void => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const at = `${path}${name}`
      if (typeof child.description !== 'string' || child.description.trim() === '') {
        problems.push(`${at} has no description`)
      }
      if (SECRET_NAME.test(name) && child.writeOnly !== true) {
        problems.push(`${at} looks like a secret but is not writeOnly`)
      }
      walk(child, `${at}.`)
    }
  }
  if ((schema as Node).properties === undefined) problems.push('has no properties')
  walk(schema as Node, '')
  return problems
}
