/**
 * @module 自评与申诉 (SPEC §8 steps 2 and 5): a unit's own points per indicator beside the computed score (differences
 * highlighted), submitted as SelfAssessmentSubmitted; during 公示, an appeal against one indicator or the whole result
 * (AppealFiled), and its appeals with their state.
 */
import { appendEvents, getJson } from '../client'
import { appealsOf, appealWindow, publicationsOf } from '../cycle-data'
import { fill, h } from '../dom'
import type { Me } from '../me'
import { go } from '../route'
import { allIndicators, indicatorTitle, loadScheme, schemeFor } from '../schemes'
import { beijing, todayBeijing } from '../time'
import { APPEAL_STATUS, STAGE_LABELS, type UnitBreakdown } from '../types'
import { errorNodes } from './errors'
import { indicatorTexts } from './unit'

export const selfView = async (params: URLSearchParams, me: Me) => {
  const unitId = me.unitId ?? ''
  const { units } = await getJson<{ units: Array<{ unitId: string; name: string; kind: string }> }>(
    '/v1/units'
  )
  const unit = units.find((u) => u.unitId === unitId)
  if (!unit) return h('p', { class: 'error' }, '只有单位填报员可以自评和申诉。')
  const summary = await schemeFor(unit.kind, params.get('scheme'))
  if (!summary) return h('p', {}, '尚未发布任何考核办法。')
  const schemeId = summary.schemeId
  const [b, pubs, appeals] = await Promise.all([
    getJson<UnitBreakdown>(
      `/v1/schemes/${encodeURIComponent(schemeId)}/units/${encodeURIComponent(unitId)}?pageSize=1`
    ),
    publicationsOf(schemeId),
    appealsOf(schemeId, unitId),
  ])
  const scheme = await loadScheme(schemeId, b.version)
  const u = b.unit
  const computed = new Map(
    [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])].map((i) => [i.id, i])
  )
  const own = new Map(u.selfAssessed?.items.map((i) => [i.indicatorId, i]))
  const inputs = new Map<string, { points: HTMLInputElement; note: HTMLInputElement }>()
  const selfError = h('div', { class: 'form-error', role: 'alert' })

  const rows = allIndicators(scheme).map((ind) => {
    const c = computed.get(ind.id)
    const mine = own.get(ind.id)
    const points = h('input', {
      type: 'number',
      step: 'any',
      min: 0,
      max: ind.max,
      id: `self-${ind.id}`,
      name: `self-${ind.id}`,
      value: mine?.points ?? '',
      class: 'short',
    }) as HTMLInputElement
    const note = h('input', {
      type: 'text',
      id: `note-${ind.id}`,
      value: mine?.note ?? '',
      'aria-label': `${ind.id} 自评说明`,
    }) as HTMLInputElement
    inputs.set(ind.id, { points, note })
    const differs = mine !== undefined && c?.points != null && Number(mine.points) !== Number(c.points)
    return h(
      'tr',
      { 'data-indicator': ind.id, class: differs ? 'self-diff' : undefined },
      h(
        'th',
        { scope: 'row', class: 'ind' },
        h('label', { for: `self-${ind.id}` }, `${ind.id} ${ind.name}`),
        indicatorTexts(ind)
      ),
      h('td', { class: 'num' }, String(ind.max)),
      h('td', { class: 'num' }, c?.points ?? '—'),
      h('td', {}, points, differs ? h('span', { class: 'pub-diff' }, '与计算得分不同') : null),
      h('td', {}, note)
    )
  })

  const submitSelf = async (e: Event) => {
    e.preventDefault()
    const items = [...inputs.entries()]
      .filter(([, i]) => i.points.value.trim() !== '')
      .map(([indicatorId, i]) => ({
        indicatorId,
        points: Number(i.points.value),
        ...(i.note.value.trim() ? { note: i.note.value.trim() } : {}),
      }))
    if (items.length === 0) {
      fill(selfError, h('p', { class: 'error' }, '请至少填写一项自评分'))
      return
    }
    try {
      await appendEvents([
        { type: 'SelfAssessmentSubmitted', data: { unitId, occurredOn: todayBeijing(), schemeId, items } },
      ])
      go('self', { saved: 'self' })
    } catch (err) {
      fill(selfError, ...errorNodes(err))
    }
  }

  const until = appealWindow(pubs)
  const lastPub = pubs.at(-1)
  const appealIndicator = h(
    'select',
    { id: 'appeal-indicator', name: 'indicatorId' },
    h('option', { value: '' }, '整体结果'),
    allIndicators(scheme).map((i) => h('option', { value: i.id }, `${i.id} ${i.name}`))
  ) as HTMLSelectElement
  const appealReason = h('textarea', { id: 'appeal-reason', name: 'reason', rows: 3 }) as HTMLTextAreaElement
  const appealError = h('div', { class: 'form-error', role: 'alert' })
  const fileAppeal = async (e: Event) => {
    e.preventDefault()
    const reason = appealReason.value.trim()
    if (!reason) {
      fill(appealError, h('p', { class: 'error' }, '请填写申诉理由'))
      return
    }
    try {
      await appendEvents([
        {
          type: 'AppealFiled',
          data: {
            unitId,
            occurredOn: todayBeijing(),
            appealId: `${unitId}-${Date.now().toString(36)}`.slice(0, 64),
            schemeId,
            reason,
            ...(appealIndicator.value ? { indicatorId: appealIndicator.value } : {}),
          },
        },
      ])
      go('self', { saved: 'appeal' })
    } catch (err) {
      fill(appealError, ...errorNodes(err))
    }
  }

  const saved = params.get('saved')
  return h(
    'section',
    { id: 'self', 'data-title': '自评与申诉' },
    h('h2', {}, `${unit.name} · 自评与申诉`),
    saved
      ? h(
          'p',
          { class: 'ok', role: 'status', id: 'self-saved' },
          saved === 'appeal' ? '申诉已提交，等待市局复核。' : '自评已提交。'
        )
      : null,
    h('h3', {}, '申诉'),
    lastPub
      ? h(
          'p',
          { class: 'muted' },
          `最近发布：第 ${lastPub.n} 次（${STAGE_LABELS[lastPub.stage]}，截至 ${beijing(lastPub.asOf)}）${until ? `，申诉截止 ${until}（北京时间当日24时）` : ''}`
        )
      : h('p', { class: 'muted' }, '考核结果尚未公示。'),
    until
      ? h(
          'form',
          { id: 'appeal-form', class: 'panel', onsubmit: fileAppeal, novalidate: true },
          h('div', { class: 'field' }, h('label', { for: 'appeal-indicator' }, '申诉事项'), appealIndicator),
          h(
            'div',
            { class: 'field wide' },
            h(
              'label',
              { for: 'appeal-reason' },
              '申诉理由',
              h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')
            ),
            appealReason
          ),
          appealError,
          h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '提交申诉'))
        )
      : h('p', { class: 'muted' }, '现在不在申诉期内。'),
    appeals.length > 0
      ? h(
          'table',
          { id: 'my-appeals' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['申诉事项', '理由', '提交日期', '状态', '复核决定'].map((t) => h('th', { scope: 'col' }, t))
            )
          ),
          h(
            'tbody',
            {},
            appeals.map((a) =>
              h(
                'tr',
                { 'data-status': a.status },
                h('td', {}, indicatorTitle(scheme, a.indicatorId)),
                h('td', {}, a.reason),
                h('td', { class: 'nowrap' }, a.filed.occurredOn),
                h('td', {}, APPEAL_STATUS[a.status]),
                h(
                  'td',
                  {},
                  a.decision
                    ? `${a.decision.reason}${a.adjustment ? `（调整 ${a.adjustment} 分）` : ''}`
                    : '—'
                )
              )
            )
          )
        )
      : null,
    h(
      'h3',
      {},
      `自评（计算得分 ${u.total}${u.selfAssessed ? `，上次自评合计 ${u.selfAssessed.total}` : ''}）`
    ),
    h(
      'form',
      { id: 'self-form', onsubmit: submitSelf, novalidate: true },
      h(
        'table',
        { class: 'indicators' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['指标', '满分', '计算得分', '自评分', '说明'].map((t) => h('th', { scope: 'col' }, t))
          )
        ),
        h('tbody', {}, rows)
      ),
      selfError,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '提交自评'))
    )
  )
}
