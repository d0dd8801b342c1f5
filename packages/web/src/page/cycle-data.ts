/** @module What the cycle views share: a scheme's publications, appeals, and the window for appeals (SPEC §8). */
import { getJson, query } from './client'
import { todayBeijing } from './time'
import type { Appeal, Publication, Result } from './types'

const base = (schemeId: string) => `/v1/schemes/${encodeURIComponent(schemeId)}`

export const publicationsOf = async (schemeId: string) =>
  (await getJson<{ publications: Publication[] }>(`${base(schemeId)}/publications`)).publications

/**
 * A publication's frozen Result: it never changes (its hash is recorded), so it is fetched once per page load and
 * kept by its hash — the ranking and unit views compare live totals with it on every render.
 */
const frozen = new Map<string, Promise<Result>>()
export const publishedResult = (p: Publication): Promise<Result> => {
  let r = frozen.get(p.sha256)
  if (!r) {
    r = getJson<Result>(p.href)
    // A failed fetch is not kept: the next render asks again.
    r.catch(() => frozen.delete(p.sha256))
    frozen.set(p.sha256, r)
  }
  return r
}

export const appealsOf = async (schemeId: string, unitId?: string) =>
  (await getJson<{ appeals: Appeal[] }>(`${base(schemeId)}/appeals${query({ unitId })}`)).appeals

/** Appeals may be filed after a preliminary publication, until the end of its appealUntil, never after the final one. */
export const appealWindow = (pubs: ReadonlyArray<Publication>): string | undefined => {
  if (pubs.some((p) => p.stage === 'final')) return undefined
  const last = [...pubs].reverse().find((p) => p.stage === 'preliminary')
  return last?.appealUntil !== undefined && last.appealUntil >= todayBeijing() ? last.appealUntil : undefined
}

export const STEPS = ['填报中', '自评', '审核', '公示', '终评'] as const
export type Step = (typeof STEPS)[number]
