/** @module The kaoping command line: picks the subcommand and hands over; no logic of its own. */
import { runCommand, UsageError } from './lib/cli-error'

type Command = (argv: ReadonlyArray<string>) => string

// Loaded on demand so that one command's dependencies never slow down or break another.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  replay: async () => (await import('./commands/replay')).replay,
  seed: async () => (await import('./commands/seed')).seed,
}

const [command, ...rest] = process.argv.slice(2)

await runCommand(async () => {
  const load = command === undefined ? undefined : COMMANDS[command]
  if (!load)
    throw new UsageError([`未知命令 ${command ?? '（无）'}。可用命令：${Object.keys(COMMANDS).join('、')}`])
  process.stdout.write((await load())(rest))
})
