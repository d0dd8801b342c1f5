/** @module @kaoping/projections — read models that follow the log, with exactly-once checkpoints and time travel. */
export {
  ProjectionLocked,
  ProjectionStopped,
  ReadModelsInStoreFile,
  type StoreChange,
  StoreMismatch,
} from './errors'
export { indexSource } from './index-source'
export { openProjector, type Progress, type Projector, type ProjectorOptions } from './projector'
export {
  currentRankingJson,
  type Diff,
  diff,
  type IndicatorChange,
  type RankingQuery,
  ranking,
  type UnitDiff,
  unitResult,
} from './queries'
export { PROJECTION_CODE_VERSION, type Tables } from './tables'
