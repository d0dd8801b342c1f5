/**
 * @module A unit's facts with their review state (`GET /v1/review?unitId=`): 待审核 / 已核实 / 已退回 with the reason, newest
 * first, each with its evidence files and, for the unit's reporter, a 更正 action (retract and record again).
 */
import { actorName, type Catalog, describe } from '../catalog'
import { downloadEvidence, getJson, query } from '../client'
import { h } from '../dom'
import { hrefOf, type View } from '../route'
import { beijing } from '../time'
import { REVIEW_STATUS, type ReviewItem, type ReviewPage } from '../types'

const PAGE = 15

/** Newest first: the server pages them so (`order=desc`), one request per page. */
export const loadNewest = async (params: { unitId?: string; status?: string }, page: number, size = PAGE) => {
  const at = await getJson<ReviewPage>(
    `/v1/review${query({ ...params, pageSize: String(size), page: String(page), order: 'desc' })}`
  )
  const pages = Math.max(1, Math.ceil(at.total / size))
  return { ...at, pages, page: Math.min(page, pages) }
}

export const evidenceButtons = (item: ReviewItem) => {
  const ev = (item.event.data.evidence as Array<{ sha256: string; name: string }> | undefined) ?? []
  return ev.length === 0
    ? h('span', { class: 'muted' }, '无')
    : ev.map((e) =>
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => downloadEvidence(e.sha256, e.name),
            title: '下载佐证材料',
          },
          e.name
        )
      )
}

export const statusCell = (item: ReviewItem) =>
  h(
    'div',
    { class: `status ${item.status}` },
    h('strong', {}, REVIEW_STATUS[item.status]),
    item.review?.reason ? h('div', { class: 'reason' }, `退回原因：${item.review.reason}`) : null,
    item.review?.note ? h('div', { class: 'muted' }, `备注：${item.review.note}`) : null,
    item.review
      ? h('div', { class: 'muted' }, `${actorName(item.review.actor)} ${beijing(item.review.recordedAt)}`)
      : null
  )

export const factsTable = (
  c: Catalog,
  items: ReadonlyArray<ReviewItem>,
  action?: (item: ReviewItem) => Node | null
) =>
  h(
    'table',
    { id: 'facts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['类型', '内容', '发生日期', '记录时间', '佐证材料', '审核状态', ...(action ? ['操作'] : [])].map(
          (t) => h('th', { scope: 'col' }, t)
        )
      )
    ),
    h(
      'tbody',
      {},
      items.map((i) =>
        h(
          'tr',
          { 'data-event': i.event.id, 'data-status': i.status },
          h('td', {}, i.event.label),
          h('td', {}, describe(c, i.event.type, i.event.data)),
          h('td', { class: 'nowrap' }, i.event.occurredOn),
          h('td', { class: 'nowrap' }, beijing(i.event.recordedAt)),
          h('td', {}, evidenceButtons(i)),
          h('td', {}, statusCell(i)),
          action ? h('td', {}, action(i)) : null
        )
      )
    )
  )

export const pager = (view: View, params: Record<string, string | undefined>, page: number, pages: number) =>
  h(
    'nav',
    { class: 'bar pager', 'aria-label': '翻页' },
    page > 1 ? h('a', { href: hrefOf(view, { ...params, page: String(page - 1) }) }, '← 较新') : null,
    h('span', { class: 'muted' }, `第 ${page} / ${pages} 页`),
    page < pages ? h('a', { href: hrefOf(view, { ...params, page: String(page + 1) }) }, '较早 →') : null
  )
