// Failures of registry operations, with the HTTP status and stable code the gateway answers with.
import { HubError } from '../../infra/shared/hub-error.js'

export interface RegistryIssue { path: string, code?: string, message: string }

export class RegistryError extends HubError {
  constructor (status: number, code: string, message: string, readonly errors?: RegistryIssue[]) {
    super(message, { code, status, retriable: false })
  }
}

export const notFound = (id: string): RegistryError =>
  new RegistryError(404, 'LT_ERR_CONNECTOR_NOT_FOUND', `no connector '${id}'`)
export const builtIn = (id: string): RegistryError =>
  new RegistryError(409, 'LT_ERR_CONNECTOR_BUILT_IN', `'${id}' is a built-in connector; the operator configures it`)
