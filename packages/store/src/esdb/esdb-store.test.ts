/**
 * The store contract on the EventStoreDB adapter, through the in-process gRPC fake (the real client on the real
 * wire protocol), with and without ServerFeatures; and against a real server when ESDB_CONNECTION_STRING is set.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { storeContract } from '../testing/contract'
import { createEsdbStore } from './esdb-store'
import { type FakeServer, startFakeServer } from './testing/fake-server'

const servers: FakeServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
})

for (const serverFeatures of [true, false])
  storeContract(
    `EventStoreDB (fake server, ServerFeatures ${serverFeatures ? 'answered' : 'unimplemented'})`,
    async (clock) => {
      // A fresh server per case: the contract expects an empty log.
      const server = await startFakeServer({ serverFeatures })
      servers.push(server)
      return createEsdbStore({ connectionString: server.connectionString, clock })
    }
  )

storeContract('EventStoreDB (fake server, id index in a SQLite file)', async (clock) => {
  const server = await startFakeServer()
  servers.push(server)
  const indexFile = join(mkdtempSync(join(tmpdir(), 'kaoping-esdb-contract-')), 'read-models.db')
  return createEsdbStore({ connectionString: server.connectionString, clock, indexFile })
})

const real = process.env.ESDB_CONNECTION_STRING
if (real)
  storeContract('EventStoreDB (real server)', (clock) => createEsdbStore({ connectionString: real, clock }))
