/** @module The kaoping command line: picks the subcommand and hands over; no logic of its own. */
import { runCommand, UsageError } from './lib/cli-error'

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

// Loaded on demand so that one command's dependencies never slow down or break another.
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
    return (argv) => exportCommand(argv, write)
  },
}

const [command, ...rest] = process.argv.slice(2)

await runCommand(async () => {
  const load = command === undefined ? undefined : COMMANDS[command]
  if (!load)
    throw new UsageError([`未知命令 ${command ?? '（无）'}。可用命令：${Object.keys(COMMANDS).join('、')}`])
  await (await load())(rest)
})
