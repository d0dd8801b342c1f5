/**
 * @module 审核 (SPEC §8 step 3): the 考核组's queue of pending unit facts, grouped by unit, newest first, with their evidence;
 * 核实 or 退回 (with a reason the unit sees) in one click each. Keyboard: Tab moves through the rows' controls; in a reason
 * field, Enter returns the fact.
 */
import { describe, loadCatalog } from '../catalog'
import { appendEvents, getJson } from '../client'
import { h } from '../dom'
import { go } from '../route'
import { beijing, todayBeijing } from '../time'
import { REVIEW_STATUS, type ReviewItem, type UnitRow } from '../types'
import { evidenceButtons, loadNewest, pager } from './facts'

export const reviewView = async (params: URLSearchParams) => {
  const unitId = params.get('unit') ?? undefined
  const status = (params.get('status') ?? 'pending') as keyof typeof REVIEW_STATUS
  const page = Number(params.get('page') ?? '1')
  const [catalog, { units }, q] = await Promise.all([
    loadCatalog(),
    getJson<{ units: UnitRow[] }>('/v1/units'),
    loadNewest({ status, ...(unitId ? { unitId } : {}) }, page, 25),
  ])
  const nameOf = new Map(units.map((u) => [u.unitId, u.name]))
  const unitSelect = h(
    'select',
    { id: 'r-unit', name: 'unit' },
    h('option', { value: '' }, '全部单位'),
    units.map((u) => h('option', { value: u.unitId, selected: u.unitId === unitId }, u.name))
  ) as HTMLSelectElement
  const statusSelect = h(
    'select',
    { id: 'r-status', name: 'status' },
    (['pending', 'returned', 'verified'] as const).map((s) =>
      h('option', { value: s, selected: s === status }, REVIEW_STATUS[s])
    )
  ) as HTMLSelectElement

  const act = async (item: ReviewItem, row: HTMLElement, reason?: string) => {
    const out = row.querySelector('.row-msg')!
    try {
      await appendEvents([
        reason === undefined
          ? {
              type: 'FactVerified',
              data: { unitId: item.event.unitId, occurredOn: todayBeijing(), targetEventId: item.event.id },
            }
          : {
              type: 'FactReturned',
              data: {
                unitId: item.event.unitId,
                occurredOn: todayBeijing(),
                targetEventId: item.event.id,
                reason,
              },
            },
      ])
      row.classList.add(reason === undefined ? 'verified' : 'returned')
      row.dataset.status = reason === undefined ? 'verified' : 'returned'
      out.textContent = reason === undefined ? '已核实' : `已退回：${reason}`
      for (const c of row.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button.act, input'))
        c.disabled = true
      // Keyboard flow: on to the next row's first action.
      row.nextElementSibling?.querySelector<HTMLButtonElement>('button.verify')?.focus()
    } catch (err) {
      out.textContent = (err as Error).message
      out.classList.add('error')
    }
  }

  const row = (item: ReviewItem) => {
    const reasonId = `reason-${item.event.id}`
    const reason = h('input', {
      type: 'text',
      id: reasonId,
      class: 'reason',
      placeholder: '退回原因',
    }) as HTMLInputElement
    const tr = h(
      'tr',
      { 'data-event': item.event.id, 'data-status': item.status },
      h('td', {}, item.event.label),
      h('td', {}, describe(catalog, item.event.type, item.event.data)),
      h(
        'td',
        { class: 'nowrap' },
        item.event.occurredOn,
        h('div', { class: 'muted' }, `记录于 ${beijing(item.event.recordedAt)}`)
      ),
      h('td', {}, evidenceButtons(item)),
      h('td', { class: 'actions-cell' }),
      h(
        'td',
        { class: 'row-msg', role: 'status' },
        item.review?.reason ? `退回原因：${item.review.reason}` : ''
      )
    )
    const returnIt = () => {
      const r = reason.value.trim()
      if (!r) {
        tr.querySelector('.row-msg')!.textContent = '请先填写退回原因'
        reason.focus()
        return
      }
      void act(item, tr, r)
    }
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault()
        returnIt()
      }
    })
    tr.querySelector('.actions-cell')!.append(
      ...(status === 'pending' || status === 'returned'
        ? [h('button', { type: 'button', class: 'act verify', onclick: () => act(item, tr) }, '核实')]
        : []),
      ...(status !== 'returned'
        ? [
            h('label', { for: reasonId, class: 'sr-only' }, '退回原因'),
            reason,
            h('button', { type: 'button', class: 'act return', onclick: returnIt }, '退回'),
          ]
        : [])
    )
    return tr
  }

  const byUnit = new Map<string, ReviewItem[]>()
  for (const i of q.items) byUnit.set(i.event.unitId, [...(byUnit.get(i.event.unitId) ?? []), i])

  return h(
    'section',
    { id: 'review', 'data-title': '审核' },
    h(
      'h2',
      {},
      `审核队列 · 待审核 ${q.counts.pending} 条，已核实 ${q.counts.verified} 条，已退回 ${q.counts.returned} 条`
    ),
    h(
      'form',
      {
        class: 'bar',
        onsubmit: (e: Event) => {
          e.preventDefault()
          go('review', { unit: unitSelect.value, status: statusSelect.value })
        },
      },
      h('label', { for: 'r-unit' }, '单位', unitSelect),
      h('label', { for: 'r-status' }, '状态', statusSelect),
      h('button', { type: 'submit' }, '筛选')
    ),
    q.items.length === 0 ? h('p', { class: 'muted' }, '没有需要处理的记录。') : null,
    [...byUnit.entries()].map(([u, items]) =>
      h(
        'div',
        { class: 'unit-group', 'data-unit': u },
        h('h3', {}, `${nameOf.get(u) ?? u}（本页 ${items.length} 条）`),
        h(
          'table',
          { class: 'queue' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['类型', '内容', '发生日期', '佐证材料', '审核', '结果'].map((t) =>
                h('th', { scope: 'col' }, t)
              )
            )
          ),
          h('tbody', {}, items.map(row))
        )
      )
    ),
    pager('review', { unit: unitId, status }, q.page, q.pages)
  )
}
