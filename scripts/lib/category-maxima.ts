/**
 * @module A scheme whose category maxima do not add up: allowed (the category is rescaled, SPEC §4
 * "Arithmetic"), but usually a typo in a published scheme, so `publish-scheme` points it out.
 */
import type { Scheme } from '@kaoping/core'

/** Maxima carry at most 2 decimals: sum them as whole hundredths, never as binary floats. */
const hundredths = (n: number) => Math.round(n * 100)
const show = (h: number) => String(h / 100)

/**
 * One warning per category (and, for indicators that apply to some units only, per such unit) whose indicator
 * maxima do not sum to the category's max.
 */
export const categoryMaximaWarnings = (scheme: Scheme): string[] =>
  scheme.categories.flatMap((c) => {
    const common = c.indicators.filter((i) => !i.units).reduce((s, i) => s + hundredths(i.max), 0)
    const units = [...new Set(c.indicators.flatMap((i) => i.units ?? []))].sort()
    const sums: ReadonlyArray<readonly [string, number]> =
      units.length === 0
        ? [['', common]]
        : units.map((u) => [
            `对单位 ${u} `,
            common +
              c.indicators.filter((i) => i.units?.includes(u)).reduce((s, i) => s + hundredths(i.max), 0),
          ])
    return sums
      .filter(([, sum]) => sum !== hundredths(c.max))
      .map(
        ([who, sum]) =>
          `注意：类别 ${c.id}（${c.name}）${who}的指标满分合计为 ${show(sum)}，与类别满分 ${c.max} 不符；计分时将按 ${c.max}/${show(sum)} 折算。`
      )
  })
