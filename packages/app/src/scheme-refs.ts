/**
 * @module Events that name a scheme's indicator (PointsAdjusted, IndicatorJudged,
 * SelfAssessmentSubmitted) must name one that exists in the scheme's latest published version — an adjustment
 * of an indicator that does not exist would be points from nowhere (SPEC §3 "Authority", adjustments). An
 * appeal's indicator is the cycle decider's to check (core `deciders/cycle.ts`), on append and import alike.
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

const indicatorIds = (scheme: SchemeShape): Set<string> =>
  new Set(
    [...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].map((i) => i.id)
  )

/**
 * `events` in log order; a scheme published earlier among them is the one in force for the events after it (an
 * event file that publishes a scheme and then adjusts its points). Each scheme stream is read once.
 */
export const schemeReferenceIssues = async (
  store: EventStore,
  events: ReadonlyArray<DomainEvent>
): Promise<Issue[]> => {
  const inForce = new Map<string, Set<string> | null>()
  const indicatorsOf = async (schemeId: string) => {
    if (!inForce.has(schemeId)) {
      // The scheme stream also holds ResultPublished events: the latest SchemePublished is the version in force.
      const stored = await store.readStream(schemeStream(schemeId))
      const latest = stored.findLast((x) => x.type === 'SchemePublished')
      const scheme = (latest?.data as { scheme?: SchemeShape } | undefined)?.scheme
      inForce.set(schemeId, scheme ? indicatorIds(scheme) : null)
    }
    return inForce.get(schemeId)!
  }
  const issues: Issue[] = []
  for (const [i, e] of events.entries()) {
    if (e.type === 'SchemePublished') {
      inForce.set(e.data.schemeId, indicatorIds(e.data.scheme as unknown as SchemeShape))
      continue
    }
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
