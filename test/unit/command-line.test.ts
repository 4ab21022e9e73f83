// The command line is read before anything else: --help prints usage (the hub's or a command's),
// an unknown flag or command is refused naming it, and a good one runs.
import t from 'tap'
import { parseCommandLine } from '../../hub/commands/command-line.js'
import { commands } from '../../hub/commands/index.js'

t.test('--help and -h print the hub usage, listing every command', async t => {
  for (const argv of [['--help'], ['-h'], ['--role', 'gateway', '--help']]) {
    const line = parseCommandLine(argv, commands)
    t.equal(line.kind, 'help', argv.join(' '))
    if (line.kind !== 'help') continue
    t.match(line.text, /^usage: lienthong /)
    for (const name of Object.keys(commands)) t.match(line.text, new RegExp(`\\n  ${name} `), `lists ${name}`)
  }
})

t.test('<command> --help prints that command\'s usage', async t => {
  for (const name of Object.keys(commands)) {
    const line = parseCommandLine([name, '--help'], commands)
    t.same(line, { kind: 'help', text: commands[name].usage }, name)
    t.match(commands[name].usage, new RegExp(`^usage: lienthong ${name}`))
  }
})

t.test('an unknown flag or argument of the hub is refused with one line naming it', async t => {
  t.same(parseCommandLine(['--bogus'], commands),
    { kind: 'error', message: "Unknown flag '--bogus' (lienthong --help)." })
  t.same(parseCommandLine(['--role=all', '--prot', '3000'], commands),
    { kind: 'error', message: "Unknown flag '--prot' (lienthong --help)." })
  t.match(parseCommandLine(['-x'], commands), { kind: 'error', message: /'-x'/ })
  t.match(parseCommandLine(['--port'], commands), { kind: 'error', message: /--port needs a value/ })
  t.match(parseCommandLine(['nope'], commands), { kind: 'error', message: /^Unknown command 'nope'/ })
})

t.test('good command lines run', async t => {
  t.same(parseCommandLine([], commands), { kind: 'run', rest: [] })
  t.same(parseCommandLine(['--role', 'gateway', '--port=0', '--config', 'x.json'], commands),
    { kind: 'run', rest: ['--role', 'gateway', '--port=0', '--config', 'x.json'] })
  t.same(parseCommandLine(['repair', '--config', 'x.json'], commands),
    { kind: 'run', command: 'repair', rest: ['--config', 'x.json'] })
})
