/** @module The events behind a unit's result, loaded on demand (all pages) and shown in words, by id. */
import { actorName, type Catalog, describe, labelOf, loadCatalog } from './catalog'
import { getJson, query } from './client'
import { h } from './dom'
import { beijing } from './time'
import type { StoredEvent, UnitBreakdown } from './types'

export type EventLookup = () => Promise<ReadonlyMap<string, StoredEvent>>

/** Every event behind the unit's result (pages of 500), fetched once, the first time someone expands a list. */
export const eventLookup = (path: string, params: Record<string, string | undefined>): EventLookup => {
  let all: Promise<Map<string, StoredEvent>> | undefined
  return () => {
    all ??= (async () => {
      const out = new Map<string, StoredEvent>()
      for (let page = 1; ; page++) {
        const b = await getJson<UnitBreakdown>(
          `${path}${query({ ...params, page: String(page), pageSize: '500' })}`
        )
        for (const e of b.events.items) out.set(e.id, e)
        if (page * b.events.pageSize >= b.events.total) return out
      }
    })()
    return all
  }
}

export const eventLine = (c: Catalog, e: StoredEvent) =>
  `${labelOf(c, e.type)}：${describe(c, e.type, e.data)}（${beijing(e.recordedAt)} ${actorName(e.actor)} 记录）`

/**
 * An expandable list (`未达标事项 3 件`): event ids are looked up and described when opened; anything else (a case id
 * of a case metric) is shown as it is.
 */
export const expandable = (summary: string, ids: ReadonlyArray<string>, lookup: EventLookup, cls = '') => {
  const list = h('ul', { class: 'event-list' }, h('li', { class: 'muted' }, '正在加载…'))
  const details = h(
    'details',
    { class: `expand ${cls}` },
    h('summary', {}, summary),
    list
  ) as HTMLDetailsElement
  let filled = false
  details.addEventListener('toggle', async () => {
    if (!details.open || filled) return
    filled = true
    const [events, catalog] = await Promise.all([lookup(), loadCatalog()])
    list.replaceChildren(
      ...ids.map((id) => {
        const e = events.get(id)
        return h(
          'li',
          {},
          e
            ? eventLine(catalog, e)
            : /^[0-9a-f-]{36}$/.test(id)
              ? '（该事件不在本单位的计分事件中）'
              : `案件 ${id}`
        )
      })
    )
  })
  return details
}
