/**
 * @module 填报: a reporter records its unit's facts one at a time — a form per event type its role may append, generated
 * from the catalog, with evidence files — and sees its facts with their review state, correcting any of them (更正:
 * the fact is retracted and recorded again, in one batch).
 */
import { loadCatalog, typeOf } from '../catalog'
import { getJson } from '../client'
import { h } from '../dom'
import type { Me } from '../me'
import { go } from '../route'
import { todayBeijing } from '../time'
import { REVIEW_STATUS, type ReviewItem } from '../types'
import { factsTable, loadNewest, pager } from './facts'
import { eventForm } from './form'
import { uploadForm } from './upload'

/** Types with views of their own (自评, 申诉) or that are not facts (更正 is the action on a fact). */
const OWN_VIEWS = new Set(['SelfAssessmentSubmitted', 'AppealFiled', 'EventRetracted'])

/** The fact being corrected, handed from the list's 更正 button to the form (the hash names it by id). */
let correcting: ReviewItem | undefined

export const reportView = async (params: URLSearchParams, me: Me) => {
  const unitId = me.unitId ?? params.get('unit') ?? ''
  const [catalog, { units }] = await Promise.all([
    loadCatalog(),
    getJson<{ units: Array<{ unitId: string; name: string }> }>('/v1/units'),
  ])
  const unit = units.find((u) => u.unitId === unitId)
  if (!unit) return h('p', { class: 'error' }, '只有单位填报员可以在此填报。')
  const types = catalog.types.filter(
    (t) => t.authority === 'unit' && t.roles.includes('reporter') && !OWN_VIEWS.has(t.type)
  )
  const correctId = params.get('correct') ?? undefined
  const fixing = correctId && correcting?.event.id === correctId ? correcting : undefined
  const typeName = fixing?.event.type ?? params.get('type') ?? 'TrainingHeld'
  const type = typeOf(catalog, typeName) ?? types[0]!
  const status = params.get('status') ?? undefined
  const page = Number(params.get('page') ?? '1')
  const facts = await loadNewest({ unitId, ...(status ? { status } : {}) }, page)

  const picker = h(
    'select',
    {
      id: 'event-type',
      name: 'type',
      onchange: (e: Event) => go('report', { type: (e.target as HTMLSelectElement).value }),
    },
    types.map((t) => h('option', { value: t.type, selected: t.type === type.type }, t.label))
  )
  const reason = h('input', {
    id: 'correct-reason',
    name: 'correctReason',
    type: 'text',
    value: '',
  }) as HTMLInputElement
  const form = eventForm({
    type,
    unitId,
    ...(fixing
      ? {
          initial: fixing.event.data,
          extra: [
            h(
              'div',
              { class: 'field wide' },
              h(
                'label',
                { for: 'correct-reason' },
                '更正原因',
                h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')
              ),
              reason
            ),
          ],
          precheck: () => (reason.value.trim() ? undefined : '请填写更正原因'),
          before: () => [
            {
              type: 'EventRetracted',
              data: {
                unitId,
                occurredOn: todayBeijing(),
                targetEventId: fixing.event.id,
                reason: reason.value.trim() || '更正',
              },
            },
          ],
          submitLabel: '撤回原记录并重新提交',
        }
      : { submitLabel: '提交' }),
    onDone: () => {
      correcting = undefined
      go('report', { type: type.type, done: '1' })
    },
  })

  const filter = h(
    'nav',
    { class: 'tabs', 'aria-label': '按审核状态筛选' },
    [undefined, 'pending', 'returned', 'verified'].map((s) =>
      h(
        'a',
        {
          href: `#/report?${new URLSearchParams({ type: type.type, ...(s ? { status: s } : {}) })}`,
          'aria-current': s === status ? 'page' : undefined,
        },
        s
          ? `${REVIEW_STATUS[s as keyof typeof REVIEW_STATUS]}（${facts.counts[s as keyof typeof facts.counts]}）`
          : '全部'
      )
    )
  )

  const correct = (item: ReviewItem) =>
    item.event.actor.includes('(reporter@')
      ? h(
          'button',
          {
            type: 'button',
            class: 'correct',
            onclick: () => {
              correcting = item
              go('report', { correct: item.event.id })
            },
          },
          '更正'
        )
      : null

  return h(
    'section',
    { id: 'report', 'data-title': '填报' },
    h('h2', {}, `${unit.name} · 填报`),
    params.get('done')
      ? h('p', { class: 'ok', role: 'status', id: 'report-done' }, '已提交，等待考核组审核。')
      : null,
    h(
      'div',
      { class: 'panel' },
      fixing
        ? h(
            'p',
            { class: 'note warn', id: 'correcting' },
            `更正：${fixing.event.label}（${fixing.event.occurredOn}）。提交后原记录撤回，以下内容作为新记录等待审核。`
          )
        : h('div', { class: 'field' }, h('label', { for: 'event-type' }, '填报事项'), picker),
      h('h3', {}, type.label),
      form
    ),
    h(
      'h2',
      {},
      `本单位的记录（待审核 ${facts.counts.pending}，已核实 ${facts.counts.verified}，已退回 ${facts.counts.returned}）`
    ),
    filter,
    factsTable(catalog, facts.items, correct),
    pager('report', { type: type.type, status }, facts.page, facts.pages),
    h(
      'details',
      { class: 'panel' },
      h('summary', {}, '批量上传（按模板填写的表格）'),
      uploadForm(() => go('report'))
    )
  )
}
