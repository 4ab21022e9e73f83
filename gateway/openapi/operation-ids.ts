// Stable operationIds, keyed by method and Fastify path. Generated clients name their functions
// after these, so an id never changes once published; a renamed path keeps its id.
export const operationIds: Readonly<Record<string, string>> = {
  'GET /health/live': 'getLiveness',
  'GET /health/ready': 'getReadiness',
  'GET /metrics': 'getMetrics',
  'GET /v1/schemas': 'listSchemas',
  'GET /v1/schemas/:name': 'getSchema',
  'GET /v1/citizens/:personalId': 'getCitizen',
  'GET /v1/citizens/:personalId/household': 'getCitizenHousehold',
  'GET /v1/citizens/:personalId/land-parcels': 'listCitizenLandParcels',
  'GET /v1/citizens/:personalId/health-insurance': 'listCitizenHealthInsuranceCards',
  'GET /v1/citizens/:personalId/business-households': 'listCitizenBusinessHouseholds',
  'GET /v1/citizens/:personalId/driver-licences': 'listCitizenDriverLicences',
  'GET /v1/citizens/:personalId/benefits': 'listCitizenBenefits',
  'GET /v1/citizens/:personalId/students': 'listCitizenStudentEnrolments',
  'GET /v1/citizens/:personalId/notarizations': 'listCitizenNotarizations',
  'GET /v1/citizens/:personalId/access-log': 'getCitizenAccessLog',
  'GET /v1/citizen-lookups/by-cmnd/:cmnd': 'findCitizenByCmnd',
  'GET /v1/citizen-lookups/by-health-insurance/:number': 'findCitizenByHealthInsurance',
  'POST /v1/citizens/search': 'searchCitizens',
  'GET /v1/households/:householdId': 'getHousehold',
  'GET /v1/land-parcels/:parcelId': 'getLandParcel',
  'GET /v1/land-parcels/by-certificate/:serial': 'listLandParcelsByCertificate',
  'GET /v1/conflicts': 'listConflicts',
  'POST /v1/conflicts/:id/resolution': 'resolveConflict',
  'POST /v1/conflicts/:id/reopening': 'reopenConflict',
  'GET /v1/unresolved': 'listUnresolved',
  'GET /v1/data-quality': 'getDataQuality',
  'GET /v1/procedures': 'listProcedures',
  'POST /v1/prefill': 'prefillDossier',
  'POST /v1/admin/clients': 'createClient',
  'GET /v1/admin/clients': 'listClients',
  'GET /v1/admin/clients/:clientId': 'getClient',
  'PATCH /v1/admin/clients/:clientId': 'updateClient',
  'POST /v1/admin/clients/:clientId/keys': 'issueClientKey',
  'DELETE /v1/admin/clients/:clientId/keys/:keyId': 'revokeClientKey',
  'GET /v1/admin/entities': 'listEntities',
  'GET /v1/admin/clients/:clientId/grants': 'listClientGrants',
  'PUT /v1/admin/clients/:clientId/grants/:entity/:purpose': 'putClientGrant',
  'DELETE /v1/admin/clients/:clientId/grants/:entity/:purpose': 'deleteClientGrant',
  'POST /v1/connectors': 'registerConnector',
  'GET /v1/connectors': 'listConnectors',
  'GET /v1/connectors/:id': 'getConnector',
  'PUT /v1/connectors/:id': 'updateConnector',
  'DELETE /v1/connectors/:id': 'deleteConnector',
  'GET /v1/connectors/:id/status': 'getConnectorStatus',
  'POST /v1/connectors/:id/pause': 'pauseConnector',
  'POST /v1/connectors/:id/resume': 'resumeConnector',
  'POST /v1/connectors/:id/run': 'runConnector',
  'POST /v1/connectors/:id/dry-run': 'dryRunConnector',
  'POST /v1/connectors/:id/events': 'pushConnectorEvents',
  'GET /v1/dead-letters': 'listDeadLetters',
  'POST /v1/dead-letters/:id/replay': 'replayDeadLetter',
  'POST /v1/dead-letters/:id/discard': 'discardDeadLetter',
  'POST /v1/subscriptions': 'createSubscription',
  'GET /v1/subscriptions': 'listSubscriptions',
  'GET /v1/subscriptions/:id': 'getSubscription',
  'PATCH /v1/subscriptions/:id': 'updateSubscription',
  'DELETE /v1/subscriptions/:id': 'deleteSubscription',
  'POST /v1/subscriptions/:id/pause': 'pauseSubscription',
  'POST /v1/subscriptions/:id/resume': 'resumeSubscription',
  'POST /v1/subscriptions/:id/secret': 'rotateSubscriptionSecret',
  'GET /v1/subscriptions/:id/dead-letters': 'listSubscriptionDeadLetters',
  'POST /v1/subscriptions/:id/dead-letters/:seq/replay': 'replaySubscriptionDeadLetter',
  'GET /v1/citizens/:personalId/construction-permits': 'listCitizenConstructionPermits',
  'GET /v1/civil-servants/:staffCode': 'getCivilServant',
  'GET /v1/infrastructure': 'listInfrastructure'
}

/**
 * The operationId of a route: from the table, else derived from method and path (`GET
 * /v1/things/:id` → `getV1ThingsById`) so a route added without an entry still lints; the
 * OpenAPI test asks for an entry for every documented route.
 */
export function operationIdOf (method: string, url: string): string {
  const listed = operationIds[`${method} ${url}`]
  if (listed !== undefined) return listed
  const words = url.split('/').filter(s => s !== '').map(s => s.startsWith(':') ? `by-${s.slice(1)}` : s)
    .flatMap(s => s.split(/[^A-Za-z0-9]+/)).filter(w => w !== '')
  return method.toLowerCase() + words.map(w => w[0].toUpperCase() + w.slice(1)).join('')
}
