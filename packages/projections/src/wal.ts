/**
 * @module When the runner's writes reach the database file. In WAL mode the connection whose commit takes the
 * log past `wal_autocheckpoint` pages copies the log into the file inside that commit: with SQLite's default
 * (1,000 pages) every ≈ 30th update of a 1M-event province paid 12–15 ms for it (its p99; `pnpm bench`). The
 * runner's connection checkpoints on commit only past a far bound (one very large commit), and the follow loop
 * copies the log after each pass that wrote, once the update is visible — a few pages each time, between events.
 */
import type Database from 'better-sqlite3'

/** Past this many log pages (≈ 40 MiB) the runner's own commit checkpoints, as SQLite would. */
export const RUNNER_CHECKPOINT_PAGES = 10_000

/** Leaves checkpoints to the follow loop's passes on this connection (bounded by {@link RUNNER_CHECKPOINT_PAGES}). */
export const deferCheckpoints = (db: Database.Database): void => {
  if (db.memory) return
  db.pragma(`wal_autocheckpoint = ${RUNNER_CHECKPOINT_PAGES}`)
}

/** Copies what the log holds into the file, waiting for no reader or writer (pages still read stay in the log). */
export const copyLog = (db: Database.Database): void => {
  if (db.memory) return
  db.pragma('wal_checkpoint(PASSIVE)')
}
