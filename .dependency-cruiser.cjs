// The hub's rooms and the arrows allowed between them (docs/architecture.md draws them).
// `npm run lint:layers` checks every import, type-only ones included, and fails on any rule below.
// Floors: schemas/ (canonical model, Vietnam rules) imports no room; infra/ (config, ports,
// adapters) imports schemas/ only. Above them records/ (golden records: model, stored form,
// reader) and connectors/ (contract, runner, built-ins, registry), which do not import each other.
// Above those consumers/ (normalizer, merger) and gateway/ (HTTP), which do not import each other.
// hub/ and main.ts wire everything; sim/ (the simulated city the embedded demo starts) stands on
// the floors and only hub/ wires it. bench/, test/ and scripts/ may import anything of the hub;
// nothing imports them. A new top-level folder must be placed here before its files may import.
const rooms = [
  'schemas', 'infra', 'records', 'connectors', 'consumers', 'gateway', 'sim', 'hub', 'bench', 'test', 'scripts'
]
const only = (...allowed) => `^(${rooms.filter(r => !allowed.includes(r)).join('|')})/|^main\\.ts$`

/** A room may import itself and the rooms listed; anything else of the hub is an arrow the wrong way. */
const room = (name, comment, ...below) => ({
  name: `${name}-imports-only-below`,
  comment,
  severity: 'error',
  from: { path: `^${name}/` },
  to: { path: only(name, ...below) }
})

module.exports = {
  forbidden: [
    room('schemas', 'schemas/ is the floor: it imports no other room.'),
    room('infra', 'infra/ is the floor beside schemas/: it imports schemas/ only.', 'schemas'),
    room('records', 'records/ stands on the floors; the merger writes and the gateway reads through it.',
      'schemas', 'infra'),
    room('connectors', 'connectors/ stands on the floors and does not import records/.', 'schemas', 'infra'),
    room('consumers', 'consumers/ never imports gateway/ (siblings) or anything above.',
      'schemas', 'infra', 'records', 'connectors'),
    room('gateway', 'gateway/ never imports consumers/ (siblings) or anything above.',
      'schemas', 'infra', 'records', 'connectors'),
    room('sim', 'sim/ is a simulated city: it knows the floors only, never the hub it feeds.', 'schemas', 'infra'),
    room('hub', 'hub/ wires the roles: everything but the tools (bench/, test/, scripts/).',
      ...rooms.filter(r => !['bench', 'test', 'scripts'].includes(r))),
    {
      name: 'route-audiences-apart',
      comment: 'gateway/routes/ has one folder per audience (docs/architecture.md); a folder imports no other ' +
        'audience\'s routes. What two audiences share sits at the top of gateway/routes/.',
      severity: 'error',
      from: { path: '^gateway/routes/([^/]+)/' },
      to: { path: '^gateway/routes/[^/]+/', pathNot: '^gateway/routes/$1/' }
    },
    {
      name: 'connector-host-on-top',
      comment: 'connectors/host/ runs what connectors/registry/ holds and connectors/push/ takes in; ' +
        'nothing else in connectors/ imports the host.',
      severity: 'error',
      from: { path: '^connectors/', pathNot: '^connectors/host/' },
      to: { path: '^connectors/host/' }
    },
    {
      name: 'main-wires-only',
      comment: 'main.ts is the entry point: everything but the tools (bench/, test/, scripts/).',
      severity: 'error',
      from: { path: '^main\\.ts$' },
      to: { path: '^(bench|test|scripts)/' }
    },
    {
      name: 'every-file-in-a-room',
      comment: 'A folder this file does not know yet: add it to `rooms` with its arrows, and to docs/architecture.md.',
      severity: 'error',
      from: { pathNot: `^(${rooms.join('|')})/|^main\\.ts$|^\\.dependency-cruiser\\.cjs$` },
      to: {}
    },
    {
      name: 'nothing-imports-bench',
      comment: 'bench/ measures the hub; the hub never depends on it (test/ may drive it).',
      severity: 'error',
      from: { pathNot: '^(bench|test)/' },
      to: { path: '^bench/' }
    },
    {
      name: 'nothing-imports-test',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' }
    },
    {
      name: 'nothing-imports-scripts',
      comment: 'scripts/ are plain JavaScript run before the build; nothing imports them (test/ may test them).',
      severity: 'error',
      from: { pathNot: '^(scripts|test)/' },
      to: { path: '^scripts/' }
    },
    {
      name: 'engines-behind-ports',
      comment: 'Kafka, MongoDB and SQLite clients live in infra/ behind the ports; tests may open engine files ' +
        'to inject faults.',
      severity: 'error',
      from: { pathNot: '^(infra|test)/' },
      to: { path: '(^|/)node_modules/(kafkajs|mongodb|better-sqlite3)/' }
    },
    {
      name: 'adapters-wired-at-the-top',
      comment: 'Concrete adapters are opened by the wiring (hub/, main.ts) and by bench/ and test/; ' +
        'rooms get a port.',
      severity: 'error',
      from: { path: '^(schemas|records|connectors|consumers|gateway|sim)/' },
      to: { path: '^infra/(store/(embedded|mongodb)|event-log/(embedded|kafka)|open-adapters)\\.ts$' }
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included: split the shared part into its own file.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.data|\\.tap|\\.git)/' },
    // Type-only imports count: a cycle of types is still a cycle between files.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types']
    }
  }
}
