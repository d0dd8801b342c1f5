/**
 * @module @kaoping/app — the application's commands, shared by the HTTP API and the CLI: append (with the
 * authority check), publish a scheme, import an event file. Each reads what its decision needs, decides with
 * core, and appends with the expected revisions.
 */

export { type AppealStatus, type AppealView, listAppeals, upheldAt } from './appeals'
export { type AppendContext, appendValidated, type CommandError } from './append-events'
export { checkCycle } from './cycle-check'
export { derivedId } from './derived-id'
export { describeCommandError } from './describe'
export { ClientEnvelope } from './envelope'
export { IMPORT_ADMIN, type ImportError, type Imported, importLog } from './import-log'
export { importRows, type RowEnvelope, type RowsImported, rowId } from './import-rows'
export { type Frozen, frozenPublication, listPublications, type ReadPublicationError } from './publications'
export {
  type Publication,
  type PublishError,
  type Publishing,
  type PublishRequest,
  publicationId,
  publicationsIn,
  publishResult,
} from './publish-result'
export { type Published, type PublishOptions, publishScheme } from './publish-scheme'
export {
  type ReviewItem,
  type ReviewPage,
  type ReviewQuery,
  type ReviewStatus,
  reviewQueue,
} from './review-queue'
export { readRecorded, readStored, storedOf } from './stored-events'
