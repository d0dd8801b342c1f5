/**
 * @module What changed between two instants: per unit, every indicator whose points moved, and the events why. Opened
 * without dates it compares the latest publication with now (or, before any publication, the last 30 days).
 */
import { getJson, query } from '../client'
import { publicationsOf } from '../cycle-data'
import { h } from '../dom'
import { go, hrefOf } from '../route'
import { loadScheme, loadSchemes, namesOf } from '../schemes'
import { beijing } from '../time'
import { type Diff, type Result, STAGE_LABELS } from '../types'

const dateOf = (iso: string) => beijing(iso).slice(0, 10)

export const diffView = async (params: URLSearchParams) => {
  const schemes = await loadSchemes()
  const schemeId =
    params.get('scheme') ?? (schemes.find((s) => s.appliesTo === 'district') ?? schemes[0])?.schemeId ?? ''
  const base = `/v1/schemes/${encodeURIComponent(schemeId)}`
  let from = params.get('from') ?? ''
  let to = params.get('to') ?? ''
  let caption = ''
  if (!from || !to) {
    const [pubs, now] = await Promise.all([
      publicationsOf(schemeId),
      getJson<Result>(`${base}/ranking${query({ view: 'summary' })}`),
    ])
    const last = pubs.at(-1)
    to ||= now.asOf
    if (!from && last) {
      from = last.asOf
      caption = `默认：第 ${last.n} 次发布（${STAGE_LABELS[last.stage]}）与当前比较`
    } else if (!from) {
      from = new Date(Date.parse(now.asOf) - 30 * 86_400_000).toISOString()
      caption = '默认：最近 30 天的变化（尚无发布的结果）'
    }
  }
  const scheme = await loadScheme(schemeId)
  const names = namesOf(scheme)
  const fromInput = h('input', {
    type: 'date',
    name: 'from',
    id: 'd-from',
    value: dateOf(from),
  }) as HTMLInputElement
  const toInput = h('input', { type: 'date', name: 'to', id: 'd-to', value: dateOf(to) }) as HTMLInputElement
  const form = h(
    'form',
    {
      class: 'bar',
      onsubmit: (e: Event) => {
        e.preventDefault()
        go('diff', { scheme: schemeId, from: fromInput.value, to: toInput.value })
      },
    },
    h('label', { for: 'd-from' }, '从', fromInput),
    h('label', { for: 'd-to' }, '到', toInput),
    h('button', { type: 'submit' }, '比较')
  )
  const back = h('p', {}, h('a', { href: hrefOf('ranking', { scheme: schemeId }) }, '← 返回排名'))
  const d = await getJson<Diff>(`${base}/diff${query({ from, to })}`)
  return h(
    'section',
    { id: 'diff', 'data-title': '差异' },
    back,
    form,
    caption ? h('p', { class: 'muted', id: 'diff-default' }, caption) : null,
    h('h2', {}, `${beijing(d.from)} → ${beijing(d.to)}：${d.units.length} 个单位有变化`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['单位', '总分', '名次', '指标', '得分变化', '新增计分事件', '不再计入'].map((t) =>
            h('th', { scope: 'col' }, t)
          )
        )
      ),
      h(
        'tbody',
        {},
        d.units.flatMap((u) =>
          (u.indicators.length > 0 ? u.indicators : [null]).map((i, k) => {
            const span = Math.max(1, u.indicators.length)
            return h(
              'tr',
              {},
              k === 0
                ? h(
                    'td',
                    { rowspan: span },
                    h('a', { href: hrefOf('unit', { scheme: schemeId, unit: u.unitId }) }, u.name)
                  )
                : null,
              k === 0
                ? h('td', { rowspan: span, class: 'num' }, `${u.total.from ?? '—'} → ${u.total.to}`)
                : null,
              k === 0
                ? h('td', { rowspan: span, class: 'num' }, `${u.total.rankFrom ?? '—'} → ${u.total.rankTo}`)
                : null,
              h('td', {}, i ? `${i.indicatorId} ${names.get(i.indicatorId) ?? ''}` : '—'),
              h('td', { class: 'num' }, i ? `${i.from ?? '—'} → ${i.to ?? '—'}（${i.delta ?? '—'}）` : ''),
              h('td', { class: 'num' }, i?.added.length ?? 0),
              h('td', { class: 'num' }, i?.removed.length ?? 0)
            )
          })
        )
      )
    )
  )
}
