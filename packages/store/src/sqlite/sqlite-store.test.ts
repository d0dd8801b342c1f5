import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { storeContract } from '../testing/contract'
import { createSqliteStore } from './sqlite-store'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-sqlite-'))
let n = 0

storeContract('SQLite', (clock) => createSqliteStore({ path: join(dir, `contract-${++n}.db`), clock }))
