/** @module A child process for the kill tests: rebuilds (or, with `resume`, catches up) the read models of a file. */
import { createSqliteStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import { openProjector } from '../projector'

const [mode, path, batch] = process.argv.slice(2)
const store = createSqliteStore({ path: path!, clock: () => new Date().toISOString() })
const db = new Database(path!)
db.pragma('journal_mode = WAL')
db.pragma('busy_timeout = 5000')
const projector = openProjector({ store, db, batchSize: Number(batch ?? 200) })
if (mode === 'rebuild') await projector.rebuild()
else await projector.catchUp()
process.stdout.write(`done ${projector.tables().generation}\n`)
db.close()
await store.close()
