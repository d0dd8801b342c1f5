/** @module What changed between two dates: per unit, every indicator whose points moved, and the events why. */
import { getJson, query } from '../client'
import { h } from '../dom'
import { go } from '../route'
import type { Diff } from '../types'

export const diffView = async (params: URLSearchParams) => {
  const schemeId = params.get('scheme') ?? ''
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''
  const fromInput = h('input', { type: 'date', name: 'from', value: from }) as HTMLInputElement
  const toInput = h('input', { type: 'date', name: 'to', value: to }) as HTMLInputElement
  const form = h(
    'form',
    {
      class: 'bar',
      onsubmit: (e: Event) => {
        e.preventDefault()
        go('diff', { scheme: schemeId, from: fromInput.value, to: toInput.value })
      },
    },
    h('label', {}, '从', fromInput),
    h('label', {}, '到', toInput),
    h('button', { type: 'submit' }, '比较')
  )
  const back = h(
    'p',
    {},
    h('a', { href: `#/ranking?${new URLSearchParams({ scheme: schemeId })}` }, '← 返回排名')
  )
  if (!from || !to) return h('section', {}, back, form, h('p', { class: 'muted' }, '请选择两个日期。'))
  const d = await getJson<Diff>(`/v1/schemes/${encodeURIComponent(schemeId)}/diff${query({ from, to })}`)
  return h(
    'section',
    { id: 'diff' },
    back,
    form,
    h('h2', {}, `${d.from} → ${d.to}：${d.units.length} 个单位有变化`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['单位', '总分', '名次', '指标', '得分变化', '新增事件', '不再计入'].map((t) => h('th', {}, t))
        )
      ),
      h(
        'tbody',
        {},
        d.units.flatMap((u) =>
          (u.indicators.length > 0 ? u.indicators : [null]).map((i, k) =>
            h(
              'tr',
              {},
              k === 0 ? h('td', { rowspan: Math.max(1, u.indicators.length) }, u.name) : null,
              k === 0
                ? h(
                    'td',
                    { rowspan: Math.max(1, u.indicators.length), class: 'num' },
                    `${u.total.from ?? '—'} → ${u.total.to}`
                  )
                : null,
              k === 0
                ? h(
                    'td',
                    { rowspan: Math.max(1, u.indicators.length), class: 'num' },
                    `${u.total.rankFrom ?? '—'} → ${u.total.rankTo}`
                  )
                : null,
              h('td', {}, i?.indicatorId ?? '—'),
              h('td', { class: 'num' }, i ? `${i.from ?? '—'} → ${i.to ?? '—'}（${i.delta ?? '—'}）` : ''),
              h('td', { class: 'num' }, i?.added.length ?? 0),
              h('td', { class: 'num' }, i?.removed.length ?? 0)
            )
          )
        )
      )
    )
  )
}
