/** @module Each unit's total at each month end of the period (`GET /v1/schemes/{id}/trend`): time travel made visible. */
import { getJson, query } from '../client'
import { h } from '../dom'
import { go } from '../route'
import { loadSchemes } from '../schemes'
import { lineChart } from './charts'

interface Trend {
  readonly months: ReadonlyArray<string>
  readonly basis: string
  readonly units: ReadonlyArray<{ unitId: string; name: string; totals: ReadonlyArray<string | null> }>
}

/** `2017-03-31` → `3月末`; a partial last month keeps its day (`2018-02-07` → `2月7日`). */
const monthLabel = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${m}月${day === last ? '末' : `${day}日`}`
}

export const trendView = async (params: URLSearchParams) => {
  const schemes = await loadSchemes()
  const schemeId =
    params.get('scheme') ?? (schemes.find((s) => s.appliesTo === 'district') ?? schemes[0])?.schemeId ?? ''
  const basis = params.get('basis') === 'occurred' ? 'occurred' : 'recorded'
  const t = await getJson<Trend>(`/v1/schemes/${encodeURIComponent(schemeId)}/trend${query({ basis })}`)
  const schemeSelect = h(
    'select',
    { id: 't-scheme', name: 'scheme' },
    schemes.map((s) => h('option', { value: s.schemeId, selected: s.schemeId === schemeId }, s.title))
  ) as HTMLSelectElement
  const basisSelect = h(
    'select',
    { id: 't-basis', name: 'basis' },
    h('option', { value: 'recorded', selected: basis === 'recorded' }, '按记录时间（当时系统的结论）'),
    h('option', { value: 'occurred', selected: basis === 'occurred' }, '按发生日期（截至该日的进度）')
  ) as HTMLSelectElement
  const xs = t.months.map((m) => `${m.slice(0, 4)}年${monthLabel(m)}`)
  return h(
    'section',
    { id: 'trend', 'data-title': '趋势' },
    h(
      'form',
      {
        class: 'bar',
        onsubmit: (e: Event) => {
          e.preventDefault()
          go('trend', { scheme: schemeSelect.value, basis: basisSelect.value })
        },
      },
      h('label', { for: 't-scheme' }, '考核办法', schemeSelect),
      h('label', { for: 't-basis' }, '依据', basisSelect),
      h('button', { type: 'submit' }, '查看')
    ),
    h('h2', {}, `各单位每月末总分（${basis === 'occurred' ? '按发生日期' : '按记录时间'}）`),
    lineChart(
      'trend-chart',
      '各单位每月末总分折线图',
      xs,
      t.units.map((u) => ({ name: u.name, values: u.totals.map((v) => (v === null ? null : Number(v))) }))
    ),
    h(
      'details',
      { class: 'table-alt' },
      h('summary', {}, '以表格查看'),
      h(
        'table',
        { id: 'trend-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, '单位'),
            xs.map((x) => h('th', { scope: 'col' }, x))
          )
        ),
        h(
          'tbody',
          {},
          t.units.map((u) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, u.name),
              u.totals.map((v) => h('td', { class: 'num' }, v ?? '—'))
            )
          )
        )
      )
    )
  )
}
