/**
 * @module One unit: categories → indicators → points, each beside its texts (依据 / 评分标准 / 主要资料), the rule applied in
 * words, what counts against it (expandable), 自评分 beside the computed score, every special rule with its words, value
 * and events, a radar of its categories, and the published score where the live one differs from it.
 */
import { actorName, describe, labelOf, loadCatalog } from '../catalog'
import { download, getJson, query } from '../client'
import { appealsOf, publicationsOf, publishedResult } from '../cycle-data'
import { h } from '../dom'
import { eventLookup, expandable } from '../events'
import { marks } from '../marks'
import type { Me } from '../me'
import { go, hrefOf } from '../route'
import { type IndicatorText, loadScheme, namesOf, schemeFor } from '../schemes'
import { beijing } from '../time'
import { APPEAL_STATUS, type Indicator, STAGE_LABELS, type UnitBreakdown, type UnitEntry } from '../types'
import { radarChart } from './charts'

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  scored: '',
  pending: '未到期',
  excluded: '无数据，不计分',
  notApplicable: '不适用',
}
const RULE_KIND: Readonly<Record<string, string>> = {
  veto: '一票否决',
  zero: '计0分',
  gradeCap: '不得评为优秀',
}

export const valueShown = (v: Indicator['value']) =>
  v === null ? '—' : typeof v === 'boolean' ? (v ? '是' : '否') : v

/** The indicator's texts, beside its line: 依据, 评分标准, 主要资料. */
export const indicatorTexts = (t: IndicatorText | undefined) =>
  t && (t.basis || t.criteria || t.evidence)
    ? h(
        'details',
        { class: 'texts' },
        h('summary', {}, '依据与评分标准'),
        h(
          'dl',
          {},
          t.criteria ? [h('dt', {}, '评分标准'), h('dd', {}, t.criteria)] : null,
          t.basis ? [h('dt', {}, '依据'), h('dd', {}, t.basis)] : null,
          t.evidence ? [h('dt', {}, '主要资料'), h('dd', {}, t.evidence)] : null
        )
      )
    : null

const allIndicatorResults = (u: UnitEntry) => [
  ...u.categories.flatMap((c) => c.indicators),
  ...(u.bonus?.indicators ?? []),
]

export const unitView = async (params: URLSearchParams, me: Me) => {
  const unitId = params.get('unit') ?? me.unitId ?? ''
  if (!unitId) {
    go('ranking')
    return h('p', {}, '请从排名中选择单位。')
  }
  const units = await getJson<{ units: Array<{ unitId: string; kind: string }> }>('/v1/units')
  const kind = units.units.find((u) => u.unitId === unitId)?.kind
  const summary = await schemeFor(kind, params.get('scheme'))
  if (!summary) return h('p', {}, '尚未发布任何考核办法。')
  const schemeId = summary.schemeId
  const page = Number(params.get('page') ?? '1')
  const asOf = params.get('asOf') ?? undefined
  const basis = params.get('basis') ?? undefined
  const path = `/v1/schemes/${encodeURIComponent(schemeId)}/units/${encodeURIComponent(unitId)}`
  const [b, catalog, pubs, appeals] = await Promise.all([
    getJson<UnitBreakdown>(`${path}${query({ asOf, basis, page: String(page), pageSize: '20' })}`),
    loadCatalog(),
    publicationsOf(schemeId),
    appealsOf(schemeId, unitId),
  ])
  const u = b.unit
  const scheme = await loadScheme(schemeId, b.version)
  const names = namesOf(scheme)
  const texts = new Map(
    [...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].map((i) => [
      i.id,
      i,
    ])
  )
  const lookup = eventLookup(path, { asOf, basis })

  // The latest publication, when the page shows the live result: mark what differs from it.
  const lastPub = pubs.at(-1)
  const published =
    lastPub && !asOf ? (await publishedResult(lastPub)).units.find((x) => x.unitId === unitId) : undefined
  const pubPoints = new Map(published ? allIndicatorResults(published).map((i) => [i.id, i.points]) : [])
  const self = new Map(u.selfAssessed?.items.map((i) => [i.indicatorId, i.points]))

  const pages = Math.max(1, Math.ceil(b.events.total / b.events.pageSize))
  const to = (p: number) => () => go('unit', { scheme: schemeId, unit: unitId, asOf, basis, page: String(p) })

  const indicatorRow = (i: Indicator) => {
    const pub = pubPoints.get(i.id)
    const differs = published !== undefined && pub !== i.points
    const own = self.get(i.id)
    const selfDiffers = own !== undefined && i.points !== null && Number(own) !== Number(i.points)
    return h(
      'tr',
      { 'data-indicator': i.id, class: differs ? 'differs' : undefined },
      h(
        'th',
        { scope: 'row', class: 'ind' },
        h('span', { class: 'ind-name' }, `${i.id} ${names.get(i.id) ?? ''}`),
        indicatorTexts(texts.get(i.id))
      ),
      h('td', { class: 'num' }, valueShown(i.value)),
      h(
        'td',
        { class: 'num' },
        i.points ?? '—',
        differs
          ? h('span', { class: 'pub-diff', title: '与最近发布的结果不同' }, `发布时 ${pub ?? '—'}`)
          : null
      ),
      h('td', { class: 'num' }, i.max),
      h('td', { class: `num${selfDiffers ? ' self-diff' : ''}` }, own ?? '—'),
      h(
        'td',
        { class: 'explanation' },
        STATUS_LABELS[i.status] ? h('span', { class: 'tag' }, STATUS_LABELS[i.status]) : null,
        i.explanation,
        i.adjusted
          ? h('div', { class: 'adjusted' }, `调整 ${i.adjusted.change} 分，调整后 ${i.adjusted.points} 分`)
          : null
      ),
      h(
        'td',
        {},
        i.exceptions.length > 0
          ? expandable(`未达标事项 ${i.exceptions.length} 件`, i.exceptions, lookup, 'exceptions')
          : h('span', { class: 'muted' }, '无'),
        i.events.length > 0 ? expandable(`计分依据 ${i.events.length} 条`, i.events, lookup) : null
      )
    )
  }

  const categories = [
    ...u.categories.map((c) => ({ ...c, name: names.get(c.id) ?? '' })),
    ...(u.bonus
      ? [
          {
            id: '加分',
            name: '加分项目',
            points: u.bonus.points,
            max: u.bonus.max,
            indicators: u.bonus.indicators,
          },
        ]
      : []),
  ]
  const fired = new Map(u.rulesFired.map((r) => [r.id, r]))

  return h(
    'section',
    { id: 'unit', 'data-title': u.name },
    me.role === 'reporter'
      ? null
      : h('p', {}, h('a', { href: hrefOf('ranking', { scheme: schemeId }) }, '← 返回排名')),
    h('h2', {}, `${u.name} · 第 ${u.rank} 名 · 总分 ${u.total} · ${u.grade} `, marks(u)),
    h(
      'p',
      { class: 'muted' },
      `${summary.title} 第 ${b.version} 版，截至 ${beijing(b.asOf)}（${b.basis === 'occurred' ? '按发生日期' : '按记录时间'}）`,
      u.selfAssessed ? `；自评总分 ${u.selfAssessed.total}` : ''
    ),
    published && lastPub
      ? h(
          'p',
          { class: published.total === u.total ? 'note' : 'note warn', id: 'published-note' },
          published.total === u.total
            ? `与第 ${lastPub.n} 次发布（${STAGE_LABELS[lastPub.stage]}，截至 ${beijing(lastPub.asOf)}）一致：总分 ${published.total}`
            : `当前得分与第 ${lastPub.n} 次发布（${STAGE_LABELS[lastPub.stage]}，截至 ${beijing(lastPub.asOf)}）不同：发布时总分 ${published.total}，现为 ${u.total}；不同的指标已标出`
        )
      : null,
    u.noFacts ? h('p', { class: 'note warn' }, '本期无填报记录') : null,
    h(
      'div',
      { class: 'bar' },
      h(
        'button',
        {
          type: 'button',
          id: 'unit-csv',
          onclick: () => download(`${path}${query({ asOf, basis, format: 'csv' })}`, `${u.name}-明细.csv`),
        },
        '下载明细 CSV'
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'unit-xlsx',
          onclick: () => download(`${path}${query({ asOf, basis, format: 'xlsx' })}`, `${u.name}-明细.xlsx`),
        },
        '下载明细 XLSX'
      )
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        {},
        h('h3', {}, '特别规则'),
        h(
          'ul',
          { id: 'rules', class: 'rules' },
          u.rules.map((r) => {
            const f = fired.get(r.id)
            return h(
              'li',
              { class: r.fired ? 'fired' : 'quiet', 'data-rule': r.id },
              h('strong', {}, `${RULE_KIND[r.kind] ?? ''}${r.fired ? '（已触发）' : '（未触发）'}`),
              ` ${r.name}`,
              h('div', { class: 'muted' }, `取值 ${valueShown(r.value)}；${r.explanation}`),
              f && f.events.length > 0 ? expandable(`触发事件 ${f.events.length} 条`, f.events, lookup) : null
            )
          })
        ),
        u.appeals.length > 0
          ? h(
              'p',
              { class: 'muted' },
              `申诉：${appeals.map((a) => `${a.indicatorId ?? '整体结果'} ${APPEAL_STATUS[a.status]}`).join('；')}`
            )
          : null
      ),
      radarChart(
        'radar',
        `${u.name}各类别得分率雷达图`,
        categories.map((c) => ({ name: c.name || c.id, max: 100 })),
        [
          {
            name: '得分率（%）',
            values: categories.map((c) =>
              c.points === null ? 0 : Math.round((Number(c.points) / Number(c.max)) * 1000) / 10
            ),
          },
        ]
      )
    ),
    categories.map((c) =>
      h(
        'div',
        { class: 'category' },
        h('h3', {}, `${c.id === '加分' ? '' : `${c.id} `}${c.name} · ${c.points ?? '不适用'} / ${c.max}`),
        h(
          'table',
          { class: 'indicators' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['指标', '取值', '得分', '满分', '自评分', '计分说明', '未达标与依据'].map((t) =>
                h('th', { scope: 'col' }, t)
              )
            )
          ),
          h('tbody', {}, c.indicators.map(indicatorRow))
        )
      )
    ),
    u.adjustments.items.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, `分数调整（合计 ${u.adjustments.points}）`),
          h(
            'ul',
            {},
            u.adjustments.items.map((a) =>
              h(
                'li',
                {},
                `${a.indicatorId} ${names.get(a.indicatorId) ?? ''}：${a.applied} 分（${a.source === 'AppealDecided' ? '申诉复核' : '人工调整'}）${a.reason}，批准：${a.approvedBy}`
              )
            )
          )
        )
      : null,
    h('h3', {}, `得分所依据的事件（共 ${b.events.total} 条，第 ${b.events.page} / ${pages} 页）`),
    h(
      'table',
      { id: 'events' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['序号', '类型', '内容', '记录时间', '记录人'].map((t) => h('th', { scope: 'col' }, t))
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
            h('td', {}, labelOf(catalog, e.type)),
            h('td', {}, describe(catalog, e.type, e.data)),
            h('td', { class: 'nowrap' }, beijing(e.recordedAt)),
            h('td', {}, actorName(e.actor))
          )
        )
      )
    ),
    h(
      'div',
      { class: 'bar' },
      h('button', { type: 'button', disabled: page <= 1, onclick: to(page - 1) }, '上一页'),
      h('button', { type: 'button', disabled: page >= pages, onclick: to(page + 1) }, '下一页')
    )
  )
}
