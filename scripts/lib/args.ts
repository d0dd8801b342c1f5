/** @module Argument parsing shared by the commands: strict options, Chinese usage errors. */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './cli-error'

export const parse = <O extends NonNullable<ParseArgsConfig['options']>>(
  argv: ReadonlyArray<string>,
  options: O,
  usage: string,
  positionals = false
) => {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals })
  } catch (e) {
    throw new UsageError([(e as Error).message, usage])
  }
}
