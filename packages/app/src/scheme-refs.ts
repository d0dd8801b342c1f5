/**
 * @module Events that name a scheme's indicator (PointsAdjusted, IndicatorJudged, AppealFiled,
 * SelfAssessmentSubmitted) must name one that exists in the scheme's latest published version — an adjustment
 * of an indicator that does not exist would be points from nowhere (SPEC §3 "Authority", adjustments).
 */
import type { DomainEvent, Issue } from '@kaoping/core'
import { schemeStream } from '@kaoping/core'
import type { EventStore } from '@kaoping/store'

interface SchemeShape {
  readonly categories: ReadonlyArray<{ readonly indicators: ReadonlyArray<{ readonly id: string }> }>
  readonly bonus?: { readonly indicators: ReadonlyArray<{ readonly id: string }> }
}

/** The indicator ids each event names, with the path to report, and whether `bonus` (the block) is allowed. */
const namedIndicators = (
  e: DomainEvent
): { schemeId: string; refs: Array<[string, string]>; bonus: boolean } | undefined => {
  switch (e.type) {
    case 'PointsAdjusted':
      return { schemeId: e.data.schemeId, refs: [['data.indicatorId', e.data.indicatorId]], bonus: true }
    case 'IndicatorJudged':
      return { schemeId: e.data.schemeId, refs: [['data.indicatorId', e.data.indicatorId]], bonus: false }
    case 'AppealFiled':
      return {
        schemeId: e.data.schemeId,
        refs: e.data.indicatorId === undefined ? [] : [['data.indicatorId', e.data.indicatorId]],
        bonus: false,
      }
    case 'SelfAssessmentSubmitted':
      return {
        schemeId: e.data.schemeId,
        refs: e.data.items.map(
          (item, i) => [`data.items.${i}.indicatorId`, item.indicatorId] as [string, string]
        ),
        bonus: false,
      }
    default:
      return undefined
  }
}

export const schemeReferenceIssues = async (
  store: EventStore,
  events: ReadonlyArray<DomainEvent>
): Promise<Issue[]> => {
  const cache = new Map<string, Set<string> | null>()
  const indicatorsOf = async (schemeId: string) => {
    if (!cache.has(schemeId)) {
      const [last] = await store.readStream(schemeStream(schemeId), { direction: 'backwards', maxCount: 1 })
      const published = await store.readStream(schemeStream(schemeId))
      const latest = [...published].reverse().find((x) => x.type === 'SchemePublished') ?? last
      const scheme = (latest?.data as { scheme?: SchemeShape } | undefined)?.scheme
      cache.set(
        schemeId,
        scheme
          ? new Set(
              [...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].map(
                (i) => i.id
              )
            )
          : null
      )
    }
    return cache.get(schemeId)!
  }
  const issues: Issue[] = []
  for (const [i, e] of events.entries()) {
    const named = namedIndicators(e)
    if (named === undefined) continue
    const ids = await indicatorsOf(named.schemeId)
    if (ids === null) {
      issues.push({ path: `events.${i}.data.schemeId`, message: `考核办法 ${named.schemeId} 尚未发布` })
      continue
    }
    for (const [path, id] of named.refs)
      if (!ids.has(id) && !(named.bonus && id === 'bonus'))
        issues.push({
          path: `events.${i}.${path}`,
          message: `考核办法 ${named.schemeId} 中没有指标 ${id}${named.bonus ? '（调整须指向某项指标或 bonus）' : ''}`,
        })
  }
  return issues
}
