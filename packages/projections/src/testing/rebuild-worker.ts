/**
 * @module A child process for the kill tests: rebuilds (or, with `resume`, catches up) the read models of a file.
 * A fourth argument slows each page read by that many milliseconds, so another process can meet it mid-run; a
 * fifth is the projector's `indexThreadFrom` (0: a rebuild's event index always written on a thread).
 */
import { createSqliteStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import { openProjector } from '../projector'

const [mode, path, batch, pauseMs, indexThreadFrom] = process.argv.slice(2)
const sqlite = createSqliteStore({ path: path!, clock: () => new Date().toISOString() })
const pause = Number(pauseMs ?? 0)
const store =
  pause > 0
    ? {
        ...sqlite,
        readAll: async (o?: Parameters<typeof sqlite.readAll>[0]) => {
          await new Promise((r) => setTimeout(r, pause))
          return sqlite.readAll(o)
        },
      }
    : sqlite
const db = new Database(path!)
db.pragma('journal_mode = WAL')
db.pragma('busy_timeout = 5000')
// One line per committed page, so a test can kill the runner between (or inside) chosen commits.
const projector = openProjector({
  store,
  db,
  batchSize: Number(batch ?? 200),
  ...(indexThreadFrom === undefined ? {} : { indexThreadFrom: Number(indexThreadFrom) }),
  onProgress: (p) => process.stdout.write(`page ${p.position}${p.position === p.head ? ' last' : ''}\n`),
})
if (mode === 'rebuild') await projector.rebuild()
else await projector.catchUp()
process.stdout.write(`done ${projector.tables().generation}\n`)
db.close()
await store.close()
