/** @module Every command's spec, in the order a clerk meets them (the overview help lists them so). */
import type { CommandSpec } from '../command-spec'
import { DIFF } from './diff'
import { EXPORT } from './export'
import { IMPORT } from './import'
import { PUBLISH_SCHEME } from './publish-scheme'
import { RANKING } from './ranking'
import { REBUILD } from './rebuild'
import { REPLAY } from './replay'
import { REPORT } from './report'
import { SEED } from './seed'
import { SERVE } from './serve'
import { TEMPLATE } from './template'
import { VERIFY } from './verify'

export const SPECS: ReadonlyArray<CommandSpec> = [
  SEED,
  TEMPLATE,
  IMPORT,
  PUBLISH_SCHEME,
  RANKING,
  DIFF,
  REPORT,
  REPLAY,
  EXPORT,
  VERIFY,
  REBUILD,
  SERVE,
]
