/** @module A command's failure in words, for the CLI (the API has its own status table). */
import { describeAppendError } from '@kaoping/store'
import type { CommandError } from './append-events'

export const describeCommandError = (e: CommandError): string =>
  e._tag === 'NotAllowed'
    ? `无权记录：\n${e.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')}`
    : describeAppendError(e)
