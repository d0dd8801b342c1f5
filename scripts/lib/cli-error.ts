/** @module How a command fails: bad input exits 2 with every problem listed, nothing partial printed. */
import { describeFileError, isFileError } from './file-error'

export class UsageError extends Error {
  constructor(readonly problems: ReadonlyArray<string>) {
    super(problems.join('\n'))
  }
}

/** Runs a command; a UsageError prints its problems to stderr and exits 2, anything else exits 1. */
export const runCommand = async (run: () => Promise<void> | void): Promise<void> => {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  try {
    await run()
  } catch (e) {
    if (e instanceof UsageError) {
      for (const p of e.problems) process.stderr.write(`${p}\n`)
      process.exitCode = 2
      return
    }
    // The store not answering is the environment's problem, not a bug: say so without a stack.
    if (e instanceof Error && e.name === 'StoreUnavailableError') {
      process.stderr.write(`${e.message}\n请检查 EVENTSTORE_URL 与 EventStoreDB 是否可用。\n`)
      process.exitCode = 1
      return
    }
    // A file that cannot be read or written is the person's to fix: name it, without a stack.
    if (isFileError(e)) {
      process.stderr.write(`${describeFileError(e, e.path)}\n`)
      process.exitCode = 1
      return
    }
    process.stderr.write(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 1
  }
}
