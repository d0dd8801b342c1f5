/**
 * @module 考核流程 (SPEC §8), the city's view: each scheme's state (填报中 → 自评 → 审核 → 公示 → 终评), the publish actions
 * (confirmed with the count of pending facts and open appeals), the appeals to decide (AppealDecided), and every
 * publication with its 通报 print view (fetched with the token, opened as a blob). Auditors see it read-only.
 */
import { appendEvents, getJson, openWithToken, postJson, uuid } from '../client'
import { appealsOf, publicationsOf, STEPS, type Step } from '../cycle-data'
import { fill, h } from '../dom'
import type { Me } from '../me'
import { go, hrefOf } from '../route'
import { indicatorTitle, loadScheme, loadSchemes } from '../schemes'
import { beijing, daysFromToday, todayBeijing } from '../time'
import {
  APPEAL_STATUS,
  type Appeal,
  type Publication,
  type Result,
  type ReviewPage,
  STAGE_LABELS,
  type UnitRow,
} from '../types'
import { errorLine, errorNodes } from './errors'

const stepOf = (pubs: ReadonlyArray<Publication>, reviewed: number, selfAssessed: number): Step =>
  pubs.some((p) => p.stage === 'final')
    ? '终评'
    : pubs.some((p) => p.stage === 'preliminary')
      ? '公示'
      : reviewed > 0
        ? '审核'
        : selfAssessed > 0
          ? '自评'
          : '填报中'

const stepper = (at: Step) =>
  h(
    'ol',
    { class: 'steps cycle', 'aria-label': '考核流程' },
    STEPS.map((s, i) =>
      h(
        'li',
        {
          class: i < STEPS.indexOf(at) ? 'done' : s === at ? 'now' : 'todo',
          'aria-current': s === at ? 'step' : undefined,
        },
        h('strong', {}, s)
      )
    )
  )

export const cycleView = async (params: URLSearchParams, me: Me) => {
  const schemes = await loadSchemes()
  const schemeId =
    params.get('scheme') ?? (schemes.find((s) => s.appliesTo === 'district') ?? schemes[0])?.schemeId ?? ''
  const summary = schemes.find((s) => s.schemeId === schemeId)
  const [pubs, appeals, review, result, { units }, scheme] = await Promise.all([
    publicationsOf(schemeId),
    appealsOf(schemeId),
    getJson<ReviewPage>('/v1/review?pageSize=1'),
    getJson<Result>(`/v1/schemes/${encodeURIComponent(schemeId)}/ranking?view=summary`),
    getJson<{ units: UnitRow[] }>('/v1/units'),
    loadScheme(schemeId),
  ])
  const nameOf = new Map(units.map((u) => [u.unitId, u.name]))
  const pendingFacts = review.counts.pending
  const openAppeals = appeals.filter((a) => a.status === 'pending').length
  const at = stepOf(
    pubs,
    review.counts.verified + review.counts.returned,
    result.units.filter((u) => u.selfAssessed).length
  )
  const isAdmin = me.role === 'admin'
  const hasFinal = pubs.some((p) => p.stage === 'final')
  const hasPrelim = pubs.some((p) => p.stage === 'preliminary')

  const confirmBox = h('div', {
    id: 'confirm',
    class: 'confirm',
    role: 'alertdialog',
    'aria-modal': 'false',
    hidden: true,
  })
  const publishMsg = h('div', { role: 'alert' })
  const until = h('input', {
    type: 'date',
    id: 'p-until',
    name: 'appealUntil',
    value: daysFromToday(7),
  }) as HTMLInputElement
  const docNumber = h('input', {
    type: 'text',
    id: 'p-doc',
    name: 'docNumber',
    value: '',
  }) as HTMLInputElement

  const publish = (stage: 'preliminary' | 'final') => {
    const key = uuid()
    const label = STAGE_LABELS[stage]
    confirmBox.hidden = false
    const ok = h(
      'button',
      { type: 'button', class: 'primary', id: 'confirm-publish' },
      `确认发布${label}`
    ) as HTMLButtonElement
    const cancel = h('button', { type: 'button', id: 'cancel-publish' }, '取消') as HTMLButtonElement
    ok.onclick = async () => {
      ok.disabled = true
      try {
        await postJson(
          `/v1/schemes/${encodeURIComponent(schemeId)}/publications`,
          {
            stage,
            ...(stage === 'preliminary' ? { appealUntil: until.value } : {}),
            ...(docNumber.value.trim() ? { docNumber: docNumber.value.trim() } : {}),
          },
          { 'Idempotency-Key': key }
        )
        go('cycle', { scheme: schemeId, published: stage })
      } catch (err) {
        ok.disabled = false
        fill(publishMsg, ...errorNodes(err))
      }
    }
    cancel.onclick = () => {
      confirmBox.hidden = true
    }
    confirmBox.replaceChildren(
      h('p', {}, h('strong', {}, `发布${label}？`)),
      h(
        'p',
        { id: 'confirm-counts' },
        `尚有 ${pendingFacts} 条事实待审核，${openAppeals} 件申诉未复核。发布后结果冻结，不可修改。`
      ),
      h('div', { class: 'actions' }, ok, cancel)
    )
    ok.focus()
  }

  const decideRow = (a: Appeal) => {
    const id = `d-${a.unitId}-${a.appealId}`
    const decision = h(
      'select',
      { id: `${id}-decision` },
      (['upheld', 'partially_upheld', 'rejected'] as const).map((d) =>
        h('option', { value: d }, APPEAL_STATUS[d])
      )
    ) as HTMLSelectElement
    const reason = h('input', { type: 'text', id: `${id}-reason` }) as HTMLInputElement
    const points = h('input', {
      type: 'number',
      step: 'any',
      id: `${id}-points`,
      class: 'short',
      disabled: a.indicatorId === null,
    }) as HTMLInputElement
    const msg = h('span', { role: 'status', class: 'row-msg' })
    const decide = async () => {
      if (!reason.value.trim()) {
        msg.textContent = '请填写复核理由'
        return
      }
      try {
        await appendEvents([
          {
            type: 'AppealDecided',
            data: {
              unitId: a.unitId,
              occurredOn: todayBeijing(),
              appealId: a.appealId,
              decision: decision.value,
              reason: reason.value.trim(),
              ...(points.value.trim() && decision.value !== 'rejected'
                ? { points: Number(points.value) }
                : {}),
            },
          },
        ])
        go('cycle', { scheme: schemeId, decided: a.appealId })
      } catch (err) {
        msg.textContent = errorLine(err)
      }
    }
    return h(
      'div',
      { class: 'decide' },
      h('label', { for: `${id}-decision` }, '决定', decision),
      h('label', { for: `${id}-reason` }, '复核理由', reason),
      h('label', { for: `${id}-points` }, '调整分值', points),
      h('button', { type: 'button', class: 'primary decide-btn', onclick: decide }, '作出决定'),
      msg
    )
  }

  return h(
    'section',
    { id: 'cycle', 'data-title': '考核流程' },
    h(
      'div',
      { class: 'bar' },
      h(
        'label',
        { for: 'c-scheme' },
        '考核办法',
        h(
          'select',
          {
            id: 'c-scheme',
            onchange: (e: Event) => go('cycle', { scheme: (e.target as HTMLSelectElement).value }),
          },
          schemes.map((s) => h('option', { value: s.schemeId, selected: s.schemeId === schemeId }, s.title))
        )
      )
    ),
    h('h2', {}, `${summary?.title ?? ''} · 当前阶段：${at}`),
    stepper(at),
    h(
      'p',
      { class: 'muted', id: 'cycle-counts' },
      `待审核事实 ${pendingFacts} 条；申诉 ${appeals.length} 件，其中未复核 ${openAppeals} 件；已自评单位 ${result.units.filter((u) => u.selfAssessed).length} / ${result.units.length} 个`
    ),
    params.get('published')
      ? h(
          'p',
          { class: 'ok', role: 'status' },
          `已发布${STAGE_LABELS[params.get('published') as 'final'] ?? ''}。`
        )
      : null,
    isAdmin && !hasFinal
      ? h(
          'div',
          { class: 'panel', id: 'publish' },
          h('h3', {}, '发布考核结果'),
          h(
            'div',
            { class: 'bar' },
            h('label', { for: 'p-until' }, '申诉截止日期（初评公示）', until),
            h('label', { for: 'p-doc' }, '文号（可不填）', docNumber),
            h(
              'button',
              { type: 'button', id: 'publish-preliminary', onclick: () => publish('preliminary') },
              '发布初评公示'
            ),
            hasPrelim
              ? h(
                  'button',
                  { type: 'button', id: 'publish-final', onclick: () => publish('final') },
                  '发布最终结果'
                )
              : null
          ),
          confirmBox,
          publishMsg
        )
      : null,
    h('h3', {}, '已发布的结果'),
    pubs.length === 0
      ? h('p', { class: 'muted' }, '尚未发布。')
      : h(
          'table',
          { id: 'publications' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['次序', '阶段', '截至', '申诉截止', '文号', '发布人', '校验值', ''].map((t) =>
                h('th', { scope: 'col' }, t)
              )
            )
          ),
          h(
            'tbody',
            {},
            pubs.map((p) =>
              h(
                'tr',
                { 'data-n': p.n, 'data-stage': p.stage },
                h('td', { class: 'num' }, `第 ${p.n} 次`),
                h('td', {}, STAGE_LABELS[p.stage]),
                h('td', { class: 'nowrap' }, beijing(p.asOf)),
                h('td', {}, p.appealUntil ?? '—'),
                h('td', {}, p.docNumber ?? '—'),
                h('td', {}, p.actor.replace(/\s*\(.*\)$/, '')),
                h('td', { class: 'hash', title: p.sha256 }, `${p.sha256.slice(0, 12)}…`),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'print',
                      onclick: () =>
                        openWithToken(`/print/schemes/${encodeURIComponent(schemeId)}/publications/${p.n}`),
                    },
                    '打开通报（打印）'
                  ),
                  ' ',
                  h('a', { href: hrefOf('diff', { scheme: schemeId, from: p.asOf }) }, '与当前比较')
                )
              )
            )
          )
        ),
    h('h3', {}, '申诉与复核'),
    appeals.length === 0
      ? h('p', { class: 'muted' }, '没有申诉。')
      : h(
          'table',
          { id: 'appeals' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['单位', '申诉事项', '理由', '提交日期', '状态', '复核'].map((t) =>
                h('th', { scope: 'col' }, t)
              )
            )
          ),
          h(
            'tbody',
            {},
            appeals.map((a) =>
              h(
                'tr',
                { 'data-appeal': a.appealId, 'data-status': a.status },
                h('td', {}, nameOf.get(a.unitId) ?? a.unitId),
                h('td', {}, indicatorTitle(scheme, a.indicatorId)),
                h('td', {}, a.reason),
                h('td', { class: 'nowrap' }, a.filed.occurredOn),
                h('td', {}, APPEAL_STATUS[a.status]),
                h(
                  'td',
                  {},
                  a.decision
                    ? `${a.decision.reason}${a.adjustment ? `（调整 ${a.adjustment} 分）` : ''}`
                    : isAdmin
                      ? decideRow(a)
                      : '待复核'
                )
              )
            )
          )
        )
  )
}
