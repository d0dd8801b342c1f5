/**
 * @module A child process for fault tests. Modes:
 * - `batches DB SIZE`: appends numbered batches of SIZE events forever, printing `ack N` after each commit;
 * - `hearings DB CASE COUNT`: appends COUNT events to one stream with the revision it read, retrying on conflict;
 * - `decide DB CASE OUTCOME`: one validated first-instance decision, printing the outcome tag.
 */

import { createSqliteStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { appendValidated } from '../append-events'

const [mode, path, a, b] = process.argv.slice(2)
const store = createSqliteStore({ path: path!, clock: () => new Date().toISOString() })
const uuid = () => crypto.randomUUID()
const say = (line: string) =>
  new Promise<void>((resolve) => process.stdout.write(`${line}\n`, () => resolve()))

if (mode === 'batches') {
  const size = Number(a)
  for (let n = 0; ; n++) {
    const events = Array.from({ length: size }, (_, i) => ({
      id: uuid(),
      stream: `unit-w${n % 7}`,
      type: 'TrainingHeld',
      data: { batch: n, i },
    }))
    const r = await store.append({ events, actor: 'worker' })
    if (E.isLeft(r)) throw new Error(r.left._tag)
    await say(`ack ${n}`)
  }
} else if (mode === 'hearings') {
  let conflicts = 0
  for (let i = 0; i < Number(b); ) {
    const last = await store.readStream(a!, { direction: 'backwards', maxCount: 1 })
    const expected = last[0]?.revision ?? 'no_stream'
    const r = await store.append({
      events: [{ id: uuid(), stream: a!, type: 'HearingHeld', data: { pid: process.pid, i } }],
      expected: new Map([[a!, expected]]),
      actor: 'worker',
    })
    if (E.isRight(r)) i++
    else if (r.left._tag === 'WrongExpectedVersion' || r.left._tag === 'StorageBusy') conflicts++
    else throw new Error(r.left._tag)
  }
  await say(`conflicts ${conflicts}`)
} else if (mode === 'decide') {
  const r = await appendValidated(
    store,
    [
      {
        type: 'CaseDecided',
        data: { unitId: 'jiange', occurredOn: '2017-05-01', caseId: a, instance: 'first', outcome: b },
      },
    ],
    { principal: { role: 'admin', name: 'worker' }, newId: uuid }
  )
  await say(E.isRight(r) ? 'won' : r.left._tag)
}
await store.close()
