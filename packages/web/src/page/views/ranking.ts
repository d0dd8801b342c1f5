/**
 * @module The ranking: pick a scheme, replay it as of a date (recorded or occurred basis), compare with another
 * date, see marks (计0分 / 一票否决 / 封顶), the chart, and download CSV or XLSX.
 */
import { download, getJson, query } from '../client'
import { h } from '../dom'
import { change, marks } from '../marks'
import { go } from '../route'
import type { Result, SchemeSummary } from '../types'
import { totalsChart } from './chart'
import { uploadForm } from './upload'

export const rankingView = async (params: URLSearchParams) => {
  const { schemes } = await getJson<{ schemes: SchemeSummary[] }>('/v1/schemes')
  // The districts' ranking is the one the city looks at first.
  const schemeId =
    params.get('scheme') ?? (schemes.find((s) => s.appliesTo === 'district') ?? schemes[0])?.schemeId
  if (!schemeId) return h('p', {}, '尚未发布任何考核办法。')
  const asOf = params.get('asOf') ?? undefined
  const basis = params.get('basis') ?? 'recorded'
  const since = params.get('since') ?? undefined
  const path = `/v1/schemes/${encodeURIComponent(schemeId)}/ranking`
  const result = await getJson<Result>(
    // The table needs totals and marks, not every event id: the summary view (the ids are on the unit page).
    `${path}${query({ asOf, basis: basis === 'occurred' ? basis : undefined, view: 'summary' })}`
  )
  const before = since
    ? await getJson<Result>(`${path}${query({ asOf: since, view: 'summary' })}`)
    : undefined
  const then = new Map(before?.units.map((u) => [u.unitId, u.total]))

  const field = (name: string, value: string | undefined, type = 'date') =>
    h('input', { type, name, value: value?.slice(0, 10) ?? '' }) as HTMLInputElement
  const schemeSelect = h(
    'select',
    { name: 'scheme' },
    schemes.map((s) =>
      h('option', { value: s.schemeId, selected: s.schemeId === schemeId }, `${s.title}（${s.schemeId}）`)
    )
  ) as HTMLSelectElement
  const asOfInput = field('asOf', asOf)
  const basisSelect = h(
    'select',
    { name: 'basis' },
    h('option', { value: 'recorded', selected: basis !== 'occurred' }, '按记录时间（当时系统的结论）'),
    h('option', { value: 'occurred', selected: basis === 'occurred' }, '按发生日期（截至该日的进度）')
  ) as HTMLSelectElement
  const sinceInput = field('since', since)
  const controls = h(
    'form',
    {
      class: 'bar',
      id: 'controls',
      onsubmit: (e: Event) => {
        e.preventDefault()
        go('ranking', {
          scheme: schemeSelect.value,
          asOf: asOfInput.value,
          basis: basisSelect.value,
          since: sinceInput.value,
        })
      },
    },
    h('label', {}, '考核办法', schemeSelect),
    h('label', {}, '回溯到日期', asOfInput),
    h('label', {}, '依据', basisSelect),
    h('label', {}, '与此日期比较', sinceInput),
    h('button', { type: 'submit', id: 'replay' }, '查询'),
    h(
      'button',
      { type: 'button', onclick: () => go('diff', { scheme: schemeId, from: since, to: asOf }) },
      '差异'
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'csv',
        onclick: () => download(`${path}${query({ asOf, basis, format: 'csv' })}`, `${schemeId}-排名.csv`),
      },
      '下载 CSV'
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'xlsx',
        onclick: () => download(`${path}${query({ asOf, basis, format: 'xlsx' })}`, `${schemeId}-排名.xlsx`),
      },
      '下载 XLSX'
    )
  )
  const rows = result.units.map((u) =>
    h(
      'tr',
      { 'data-unit': u.unitId },
      h('td', { class: 'num' }, u.rank),
      h(
        'td',
        {},
        h(
          'a',
          {
            href: `#/unit?${new URLSearchParams({ scheme: schemeId, unit: u.unitId, ...(asOf ? { asOf } : {}), basis })}`,
          },
          u.name
        )
      ),
      h('td', { class: 'num total' }, u.total),
      h('td', {}, u.grade),
      h('td', {}, marks(u)),
      h('td', { class: 'num' }, change(u.total, then.get(u.unitId)))
    )
  )
  return h(
    'section',
    {},
    controls,
    h(
      'h2',
      {},
      `排名 · 第 ${result.version} 版 · 截至 ${result.asOf}（${result.basis === 'occurred' ? '按发生日期' : '按记录时间'}）`
    ),
    h(
      'table',
      { id: 'ranking' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['名次', '单位', '总分', '等次', '标记', since ? `较 ${since} 变化` : '变化'].map((t) =>
            h('th', {}, t)
          )
        )
      ),
      h('tbody', {}, rows)
    ),
    totalsChart(result),
    uploadForm(() => go('ranking', { scheme: schemeId, asOf, basis, since }))
  )
}
