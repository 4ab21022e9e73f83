// The few plain lines `npm start` prints before its JSON logs: where to click, whether it is ready,
// a citizen to look up, and where the demo keys are (the file, never the keys: they are secrets
// even in a demo, and terminals get copied into tickets).
export interface BannerFacts {
  role: string
  engines: string
  gatewayUrl: string
  consoleUrl?: string
  sampleCitizenId?: string
  sampleCouple?: { bride: string, groom: string }
  demoKeysFile?: string
  departments?: Record<string, string>
  changesPerSecond?: number
}

export function startBanner (f: BannerFacts): string {
  const lines = [
    '',
    `Liên Thông is running (role ${f.role}; ${f.engines})`,
    ...(f.consoleUrl !== undefined ? [`  Console:               ${f.consoleUrl}`] : []),
    `  API docs (Swagger UI): ${f.gatewayUrl}/docs`,
    `  Readiness:             ${f.gatewayUrl}/health/ready`,
    ...(
      f.sampleCitizenId !== undefined
        ? [`  A citizen to try:      ${f.sampleCitizenId}  (GET ${f.gatewayUrl}/v1/citizens/${f.sampleCitizenId})`]
        : []
    ),
    ...(f.sampleCouple !== undefined
      ? [
        `  A couple to try:       ${f.sampleCouple.bride} ${f.sampleCouple.groom}  (bride and groom, marriage ` +
        `registration 1.000894)`
      ]
      : []),
    ...(
      f.demoKeysFile !== undefined
        ? [`  Demo API keys:         ${f.demoKeysFile}  (Authorization: Bearer <key>, X-Purpose: <procedure>)`]
        : []
    ),
    ...(f.departments !== undefined
      ? [`  Simulated departments: ${Object.entries(f.departments).map(([name, url]) => `${name} ${url}`).join(', ')}`]
      : []),
    ...(f.changesPerSecond !== undefined && f.changesPerSecond > 0
      ? [
        `  Simulated changes:     about ${f.changesPerSecond} a second (moves, births, deaths, cards, land); ` +
        `LT_SIM_CHANGES_PER_SECOND=0 stops them`
      ]
      : []),
    '  JSON logs follow.',
    ''
  ]
  return lines.join('\n') + '\n'
}
