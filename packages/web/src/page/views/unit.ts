/** @module One unit: categories → indicators → points, the rule applied in words, and the events behind them. */
import { download, getJson, query } from '../client'
import { h } from '../dom'
import { EVENT_LABELS, marks } from '../marks'
import { go } from '../route'
import type { Indicator, UnitBreakdown } from '../types'
import { uploadForm } from './upload'

interface SchemeText {
  readonly categories: ReadonlyArray<{
    id: string
    name: string
    indicators: ReadonlyArray<{ id: string; name: string }>
  }>
  readonly bonus?: { readonly indicators: ReadonlyArray<{ id: string; name: string }> }
}

/** Names of categories and indicators, from the scheme version the result was scored under. */
const namesOf = (scheme: SchemeText) =>
  new Map<string, string>([
    ...scheme.categories.map((c) => [c.id, c.name] as const),
    ...scheme.categories.flatMap((c) => c.indicators.map((i) => [i.id, i.name] as const)),
    ...(scheme.bonus?.indicators.map((i) => [i.id, i.name] as const) ?? []),
  ])

const indicatorRow = (names: ReadonlyMap<string, string>) => (i: Indicator) =>
  h(
    'tr',
    { 'data-indicator': i.id },
    h('td', {}, `${i.id} ${names.get(i.id) ?? ''}`),
    h(
      'td',
      { class: 'num' },
      i.value === null ? '—' : typeof i.value === 'boolean' ? (i.value ? '是' : '否') : i.value
    ),
    h('td', { class: 'num' }, i.points ?? '不适用'),
    h('td', { class: 'num' }, i.max),
    h('td', { class: 'explanation' }, i.explanation),
    h('td', { class: 'num' }, i.events.length)
  )

const summary = (data: Record<string, unknown>) =>
  Object.entries(data)
    .filter(([k]) => k !== 'unitId')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('，')

export const unitView = async (params: URLSearchParams) => {
  const schemeId = params.get('scheme') ?? ''
  const unitId = params.get('unit') ?? ''
  const page = Number(params.get('page') ?? '1')
  const asOf = params.get('asOf') ?? undefined
  const basis = params.get('basis') ?? undefined
  const path = `/v1/schemes/${encodeURIComponent(schemeId)}/units/${encodeURIComponent(unitId)}`
  const b = await getJson<UnitBreakdown>(
    `${path}${query({ asOf, basis, page: String(page), pageSize: '20' })}`
  )
  const u = b.unit
  const { scheme } = await getJson<{ scheme: SchemeText }>(
    `/v1/schemes/${encodeURIComponent(schemeId)}${query({ version: String(b.version) })}`
  )
  const names = namesOf(scheme)
  const pages = Math.max(1, Math.ceil(b.events.total / b.events.pageSize))
  const to = (p: number) => () => go('unit', { scheme: schemeId, unit: unitId, asOf, basis, page: String(p) })
  return h(
    'section',
    { id: 'unit' },
    h('p', {}, h('a', { href: `#/ranking?${new URLSearchParams({ scheme: schemeId })}` }, '← 返回排名')),
    h('h2', {}, `${u.name}（${u.unitId}）第 ${u.rank} 名 · 总分 ${u.total} · ${u.grade} `, marks(u)),
    h('p', { class: 'muted' }, `考核办法 ${b.schemeId} 第 ${b.version} 版，截至 ${b.asOf}`),
    h(
      'div',
      { class: 'bar' },
      h(
        'button',
        {
          type: 'button',
          id: 'unit-csv',
          onclick: () => download(`${path}${query({ asOf, basis, format: 'csv' })}`, `${unitId}-明细.csv`),
        },
        '下载明细 CSV'
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'unit-xlsx',
          onclick: () => download(`${path}${query({ asOf, basis, format: 'xlsx' })}`, `${unitId}-明细.xlsx`),
        },
        '下载明细 XLSX'
      )
    ),
    u.rulesFired.length > 0
      ? h(
          'ul',
          {},
          u.rulesFired.map((r) =>
            h('li', { class: 'error' }, `规则 ${r.id}（${r.kind}）由 ${r.events.length} 条事件触发`)
          )
        )
      : null,
    [
      ...u.categories,
      ...(u.bonus
        ? [{ id: '加分', points: u.bonus.points, max: u.bonus.max, indicators: u.bonus.indicators }]
        : []),
    ].map((c) =>
      h(
        'div',
        {},
        h('h2', {}, `${c.id} ${names.get(c.id) ?? ''} · ${c.points ?? '不适用'} / ${c.max}`),
        h(
          'table',
          { class: 'indicators' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['指标', '取值', '得分', '满分', '计分说明', '事件数'].map((t) => h('th', {}, t))
            )
          ),
          h('tbody', {}, c.indicators.map(indicatorRow(names)))
        )
      )
    ),
    h('h2', {}, `得分所依据的事件（共 ${b.events.total} 条，第 ${b.events.page} / ${pages} 页）`),
    h(
      'table',
      { id: 'events' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['位置', '类型', '内容', '记录时间', '记录人'].map((t) => h('th', {}, t))
        )
      ),
      h(
        'tbody',
        {},
        b.events.items.map((e) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, e.position),
            h('td', {}, EVENT_LABELS[e.type] ?? e.type),
            h('td', {}, summary(e.data)),
            h('td', {}, e.recordedAt),
            h('td', {}, e.actor)
          )
        )
      )
    ),
    h(
      'div',
      { class: 'bar' },
      h('button', { type: 'button', disabled: page <= 1, onclick: to(page - 1) }, '上一页'),
      h('button', { type: 'button', disabled: page >= pages, onclick: to(page + 1) }, '下一页')
    ),
    // A reporter's own records come in here.
    uploadForm(() => window.dispatchEvent(new HashChangeEvent('hashchange')))
  )
}
