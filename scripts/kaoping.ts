/** @module The kaoping command line: help and version, then picks the subcommand and hands over. */
import { readFileSync } from 'node:fs'
import { runCommand, UsageError } from './lib/cli-error'
import { boundHeapGrowth } from './lib/heap-growth'
import { commandHelp, overviewHelp } from './lib/help'
import { SPECS } from './lib/specs'
import { suggest } from './lib/suggest'

type Command = (argv: ReadonlyArray<string>) => Promise<void>

const print = (text: string) => {
  process.stdout.write(text)
}
/** Writes and waits for the pipe to drain, so a large export never piles up in memory. */
const write = (chunk: string) =>
  new Promise<void>((resolve) => {
    if (process.stdout.write(chunk)) resolve()
    else process.stdout.once('drain', resolve)
  })

// Loaded on demand so that one command's dependencies never slow down or break another (or help).
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  replay: async () => {
    const { replay } = await import('./commands/replay')
    return async (argv) => print(await replay(argv))
  },
  seed: async () => {
    const { seed } = await import('./commands/seed')
    return async (argv) => print(seed(argv))
  },
  import: async () => {
    const { importCommand } = await import('./commands/import')
    return async (argv) => print(await importCommand(argv))
  },
  rebuild: async () => {
    const { rebuild } = await import('./commands/rebuild')
    return async (argv) => print(await rebuild(argv))
  },
  'publish-scheme': async () => {
    const { publishScheme } = await import('./commands/publish-scheme')
    return async (argv) => print(await publishScheme(argv))
  },
  ranking: async () => {
    const { ranking } = await import('./commands/ranking')
    return async (argv) => print(await ranking(argv))
  },
  diff: async () => {
    const { diff } = await import('./commands/diff')
    return async (argv) => print(await diff(argv))
  },
  template: async () => {
    const { template } = await import('./commands/template')
    return async (argv) => print(await template(argv))
  },
  report: async () => {
    const { report } = await import('./commands/report')
    return async (argv) => print(await report(argv))
  },
  serve: async () => {
    const { serve } = await import('./commands/serve')
    return serve
  },
  verify: async () => {
    const { verify } = await import('./commands/verify')
    return async (argv) => print(await verify(argv))
  },
  export: async () => {
    const { exportCommand } = await import('./commands/export')
    return async (argv) => print(await exportCommand(argv, write))
  },
}

const version = (): string =>
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string })
    .version ?? '（未标注版本）'

const isHelp = (arg: string | undefined) => arg === '-h' || /^--help(=|$)/.test(arg ?? '')

const unknownCommand = (name: string): UsageError => {
  const near = suggest(name, Object.keys(COMMANDS))
  return new UsageError([
    near ? `未知命令 ${name}。您是不是想输入 kaoping ${near}？` : `未知命令 ${name}。`,
    `可用命令：${SPECS.map((s) => s.name).join('、')}`,
    '所有命令的说明：kaoping --help',
  ])
}

const helpFor = (name: string): string => {
  const spec = SPECS.find((s) => s.name === name)
  if (!spec) throw unknownCommand(name)
  return commandHelp(spec)
}

const [command, ...rest] = process.argv.slice(2)

await runCommand(async () => {
  if (command === undefined) {
    // Nothing asked: show what can be asked, but as a usage error so scripts notice.
    process.stderr.write(overviewHelp(SPECS, version()))
    process.exitCode = 2
    return
  }
  if (isHelp(command) || (command === 'help' && rest.length === 0))
    return print(overviewHelp(SPECS, version()))
  if (command === 'help') return print(helpFor(rest[0]!))
  if (command === '--version' || command === '-v') return print(`kaoping ${version()}\n`)
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!load) throw unknownCommand(command)
  // Help wins over anything else on the line: `kaoping replay --bogus --help` shows the help.
  if (rest.some(isHelp)) return print(helpFor(command))
  boundHeapGrowth()
  await (await load())(rest)
})
