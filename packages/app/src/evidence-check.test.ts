import { createMemoryStore, createSqliteEvidenceStore } from '@kaoping/store'
import { SAMPLES } from '@kaoping/store/testing/evidence'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { appendValidated } from './append-events'
import { importLog } from './import-log'

let n = 0
const newId = () => `30000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const admin = { role: 'admin', name: 'city' } as const
const reporter = { role: 'reporter', unitId: 'jiange', name: '剑阁填报员' } as const

const training = (sessionId: string, evidence: ReadonlyArray<{ sha256: string; name: string }>) => ({
  type: 'TrainingHeld',
  data: {
    unitId: 'jiange',
    occurredOn: '2017-03-01',
    sessionId,
    kind: 'lecture',
    topic: '学法',
    attendees: 20,
    evidence,
  },
})

const setup = async () => {
  // Recorded on 2017-03-01: the imported lines (2017-03-02) continue the log (a re-load never goes back before it).
  const store = createMemoryStore({ clock: () => '2017-03-01T00:00:00.000Z' })
  const evidence = createSqliteEvidenceStore({ path: ':memory:' })
  await appendValidated(
    store,
    [{ type: 'UnitRegistered', data: { unitId: 'jiange', name: '剑阁县', kind: 'district' } }],
    {
      principal: admin,
      newId,
    }
  )
  const signIn = await evidence.put({
    bytes: SAMPLES.pdf('sign-in'),
    mediaType: 'application/pdf',
    name: '签到表.pdf',
  })
  // Uploaded by 剑阁's reporter: the upload notes that the unit holds it (routes/evidence.ts).
  await evidence.addReferences([{ sha256: signIn.meta.sha256, unitId: 'jiange' }])
  // Uploaded by the city: held by no unit.
  const cityFile = await evidence.put({
    bytes: SAMPLES.pdf('city'),
    mediaType: 'application/pdf',
    name: '通报.pdf',
  })
  return { store, evidence, known: signIn.meta.sha256, city: cityFile.meta.sha256 }
}

const UNKNOWN = 'ab'.repeat(32)

describe('evidence on append', () => {
  it('stores a fact whose evidence is uploaded, and notes that its unit references the file', async () => {
    const { store, evidence, known } = await setup()
    const r = await appendValidated(store, [training('s1', [{ sha256: known, name: '签到表.pdf' }])], {
      principal: reporter,
      newId,
      evidence,
    })
    expect(E.isRight(r)).toBe(true)
    expect(await evidence.isReferencedBy(known, 'jiange')).toBe(true)
    expect(await evidence.isReferencedBy(known, 'wangcang')).toBe(false)
  })

  it('rejects a batch naming an unknown file (422 data.evidence.N.sha256), storing nothing and noting nothing', async () => {
    const { store, evidence, known } = await setup()
    const before = await store.readAll()
    const r = await appendValidated(
      store,
      [
        training('s1', [{ sha256: known, name: '签到表.pdf' }]),
        training('s2', [
          { sha256: known, name: 'a.pdf' },
          { sha256: UNKNOWN, name: '照片.jpg' },
        ]),
      ],
      { principal: reporter, newId, evidence }
    )
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'Rejected',
      issues: [
        {
          path: 'events.1.data.evidence.1.sha256',
          message: `佐证材料 照片.jpg（${UNKNOWN}）不是本单位上传的文件或不存在，请先上传（POST /v1/evidence）`,
        },
      ],
    })
    expect(await store.readAll()).toEqual(before)
    expect(await evidence.isReferencedBy(known, 'wangcang')).toBe(false)
  })

  it('lets a reporter cite only files its unit holds; the city cites any stored file for a unit', async () => {
    const { store, evidence, city } = await setup()
    const r = await appendValidated(store, [training('s1', [{ sha256: city, name: '通报.pdf' }])], {
      principal: reporter,
      newId,
      evidence,
    })
    expect(E.isLeft(r) && 'issues' in r.left && r.left.issues).toEqual([
      {
        path: 'events.0.data.evidence.0.sha256',
        message: `佐证材料 通报.pdf（${city}）不是本单位上传的文件或不存在，请先上传（POST /v1/evidence）`,
      },
    ])
    const byCity = await appendValidated(store, [training('s1', [{ sha256: city, name: '通报.pdf' }])], {
      principal: admin,
      newId,
      evidence,
    })
    expect(E.isRight(byCity)).toBe(true)
    expect(await evidence.isReferencedBy(city, 'jiange')).toBe(true)
  })

  it('skips the check when no evidence store is given (fixtures)', async () => {
    const { store } = await setup()
    const r = await appendValidated(store, [training('s1', [{ sha256: UNKNOWN, name: 'x.pdf' }])], {
      principal: admin,
      newId,
    })
    expect(E.isRight(r)).toBe(true)
  })

  it('checks an imported event file the same way, naming the line', async () => {
    const { store, evidence, known } = await setup()
    const line = (id: string, sessionId: string, sha256: string) =>
      JSON.stringify({
        id,
        recordedAt: '2017-03-02T00:00:00.000Z',
        ...training(sessionId, [{ sha256, name: 'f.pdf' }]),
      })
    const bad = [line(newId(), 'i1', known), line(newId(), 'i2', UNKNOWN)].join('\n')
    const r = await importLog(store, bad, admin, { evidence })
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'BadLines',
      issues: [
        { line: 2, path: 'data.evidence.0.sha256', message: expect.stringContaining('不存在，请先上传') },
      ],
    })
    const good = await importLog(store, line(newId(), 'i3', known), admin, { evidence })
    expect(E.isRight(good) && good.right.imported).toBe(1)
    expect(await evidence.isReferencedBy(known, 'jiange')).toBe(true)
  })
})
