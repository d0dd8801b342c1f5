/**
 * @module The ranking: pick a scheme, replay it as of a date (recorded or occurred basis), compare with another
 * date, see marks (计0分 / 一票否决 / 封顶), the chart, and download CSV or XLSX.
 */
import { download, getJson, query } from '../client'
import { publicationsOf, publishedResult } from '../cycle-data'
import { h } from '../dom'
import { change, marks } from '../marks'
import type { Me } from '../me'
import { go, hrefOf } from '../route'
import { loadSchemes } from '../schemes'
import { beijing } from '../time'
import { type Result, STAGE_LABELS } from '../types'
import { barChart } from './charts'
import { uploadForm } from './upload'

export const rankingView = async (params: URLSearchParams, me: Me) => {
  const schemes = await loadSchemes()
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
  // Published vs live: the latest publication's totals beside the live ones, marked where they differ.
  const pubs = await publicationsOf(schemeId)
  const lastPub = pubs.at(-1)
  const published = lastPub ? await publishedResult(lastPub) : undefined
  const pubTotal = new Map(published?.units.map((u) => [u.unitId, u.total]))

  const field = (name: string, value: string | undefined, type = 'date') =>
    h('input', { type, name, id: `q-${name}`, value: value?.slice(0, 10) ?? '' }) as HTMLInputElement
  const labelled = (text: string, control: HTMLElement) => h('label', { for: control.id }, text, control)
  const schemeSelect = h(
    'select',
    { name: 'scheme', id: 'q-scheme' },
    schemes.map((s) => h('option', { value: s.schemeId, selected: s.schemeId === schemeId }, s.title))
  ) as HTMLSelectElement
  const asOfInput = field('asOf', asOf)
  const basisSelect = h(
    'select',
    { name: 'basis', id: 'q-basis' },
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
    labelled('考核办法', schemeSelect),
    labelled('回溯到日期', asOfInput),
    labelled('依据', basisSelect),
    labelled('与此日期比较', sinceInput),
    h('button', { type: 'submit', id: 'replay' }, '查询'),
    h(
      'button',
      {
        type: 'button',
        id: 'to-diff',
        onclick: () => go('diff', { scheme: schemeId, from: since, to: asOf }),
      },
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
      h('td', { class: 'num' }, change(u.total, then.get(u.unitId))),
      published
        ? h(
            'td',
            { class: `num published${pubTotal.get(u.unitId) !== u.total ? ' differs' : ''}` },
            pubTotal.get(u.unitId) ?? '—',
            pubTotal.get(u.unitId) !== u.total ? h('span', { class: 'pub-diff' }, '与发布不同') : null
          )
        : null
    )
  )
  return h(
    'section',
    { 'data-title': '排名' },
    controls,
    h(
      'h2',
      {},
      `排名 · 第 ${result.version} 版 · 截至 ${beijing(result.asOf)}（${result.basis === 'occurred' ? '按发生日期' : '按记录时间'}）`
    ),
    lastPub
      ? h(
          'p',
          { class: 'muted', id: 'published-note' },
          `最近发布：第 ${lastPub.n} 次（${STAGE_LABELS[lastPub.stage]}，截至 ${beijing(lastPub.asOf)}）。“已发布”一列是发布时的总分，与当前不同处已标出。`,
          h('a', { href: hrefOf('diff', { scheme: schemeId }) }, '查看发布以来的变化')
        )
      : null,
    h(
      'table',
      { id: 'ranking' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            '名次',
            '单位',
            '总分',
            '等次',
            '标记',
            since ? `较 ${since} 变化` : '变化',
            ...(published ? [`已发布（第 ${lastPub?.n} 次）`] : []),
          ].map((t) => h('th', { scope: 'col' }, t))
        )
      ),
      h('tbody', {}, rows)
    ),
    barChart(
      result.units.map((u) => u.name),
      result.units.map((u) => Number(u.total)),
      result.units.map((u) => u.zeroed || u.vetoed)
    ),
    me.role === 'admin' ? uploadForm(() => go('ranking', { scheme: schemeId, asOf, basis, since })) : null
  )
}
