/** @module What the cycle views share: a scheme's publications, appeals, and the window for appeals (SPEC §8). */
import { getJson, query } from './client'
import { todayBeijing } from './time'
import type { Appeal, Publication } from './types'

const base = (schemeId: string) => `/v1/schemes/${encodeURIComponent(schemeId)}`

export const publicationsOf = async (schemeId: string) =>
  (await getJson<{ publications: Publication[] }>(`${base(schemeId)}/publications`)).publications

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
