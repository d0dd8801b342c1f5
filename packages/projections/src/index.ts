/** @module @kaoping/projections — read models that follow the log, with exactly-once checkpoints and time travel. */
export {
  ProjectionLocked,
  ProjectionStopped,
  ReadModelsInStoreFile,
  type StoreChange,
  StoreMismatch,
} from './errors'
export { indexSource } from './index-source'
export {
  type Following,
  openProjector,
  type Progress,
  type Projector,
  type ProjectorOptions,
} from './projector'
export {
  currentRankingChunks,
  currentRankingJson,
  currentRankingSummary,
  currentRankingTag,
  type Diff,
  diff,
  eventCount,
  type IndicatorChange,
  type RankingQuery,
  ranking,
  rankingAt,
  type UnitDiff,
} from './queries'
export { resultBytes } from './result-bytes'
export { fillSnapshots, monthEnds, snapshotInstants } from './snapshots'
export { liveTables, PROJECTION_CODE_VERSION, type Tables } from './tables'
export { type PositionWaiter, positionWaiter } from './wait-for-position'
export { copyLog } from './wal'
