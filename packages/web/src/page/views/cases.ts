/**
 * @module A case's steps in order (立案 → 开庭 → 延期 → 判决 → 结案 → 履行), read from its stream, and the unit's recent cases to
 * pick from (or any case by its number).
 */
import { actorName, describe, labelOf, loadCatalog } from '../catalog'
import { getJson } from '../client'
import { h } from '../dom'
import type { Me } from '../me'
import { go, hrefOf } from '../route'
import { beijing } from '../time'
import type { StoredEvent } from '../types'
import { loadNewest } from './facts'

const STEPS: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['立案', ['CaseOpened']],
  ['开庭', ['HearingHeld', 'DefenseSubmitted']],
  ['延期', ['CaseExtended']],
  ['判决', ['CaseDecided']],
  ['结案', ['CaseClosed']],
  ['履行', ['RulingPerformed']],
]

export const casesView = async (params: URLSearchParams, me: Me) => {
  const caseId = params.get('case') ?? ''
  const catalog = await loadCatalog()
  const recent = me.unitId ? await loadNewest({ unitId: me.unitId }, 1, 200) : undefined
  const caseIds = [
    ...new Set(
      (recent?.items ?? []).map((i) => i.event.data.caseId).filter((c): c is string => typeof c === 'string')
    ),
  ].slice(0, 30)
  const input = h('input', { id: 'case-id', name: 'case', type: 'text', value: caseId }) as HTMLInputElement
  const picker = h(
    'form',
    {
      class: 'bar',
      onsubmit: (e: Event) => {
        e.preventDefault()
        go('cases', { case: input.value.trim() })
      },
    },
    h('label', { for: 'case-id' }, '案件编号', input),
    h('button', { type: 'submit' }, '查看')
  )
  let body: Node = h('p', { class: 'muted' }, '请选择或输入一个案件。')
  if (caseId) {
    const stream = await getJson<{ events: StoredEvent[] }>(
      `/v1/streams/${encodeURIComponent(`case-${caseId}`)}`
    ).catch((e: Error) => ({ events: [] as StoredEvent[], error: e.message }))
    const events = stream.events
    const kindField = catalog.types
      .find((t) => t.type === 'CaseOpened')
      ?.fields.find((f) => f.field === 'kind')
    const opened = events.find((e) => e.type === 'CaseOpened')
    const kind = kindField?.choices?.find((c) => c.code === opened?.data.kind)?.label
    body =
      events.length === 0
        ? h('p', { class: 'error' }, `没有找到案件 ${caseId}（或无权查看）。`)
        : h(
            'div',
            { id: 'case' },
            h('h3', {}, `案件 ${caseId}${kind ? ` · ${kind}` : ''}`),
            h(
              'ol',
              { class: 'steps', 'aria-label': '办案进程' },
              STEPS.map(([label, types]) => {
                const hits = events.filter((e) => types.includes(e.type))
                return h(
                  'li',
                  { class: hits.length > 0 ? 'done' : 'todo' },
                  h('strong', {}, label),
                  h(
                    'span',
                    { class: 'muted' },
                    hits.length > 0 ? hits.map((e) => String(e.data.occurredOn)).join('、') : '未发生'
                  )
                )
              })
            ),
            h(
              'table',
              { id: 'case-events' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['步骤', '内容', '记录时间', '记录人'].map((t) => h('th', { scope: 'col' }, t))
                )
              ),
              h(
                'tbody',
                {},
                events.map((e) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, labelOf(catalog, e.type)),
                    h('td', {}, describe(catalog, e.type, e.data)),
                    h('td', { class: 'nowrap' }, beijing(e.recordedAt)),
                    h('td', {}, actorName(e.actor))
                  )
                )
              )
            )
          )
  }
  return h(
    'section',
    { id: 'cases', 'data-title': '案件' },
    h('h2', {}, '案件进程'),
    picker,
    caseIds.length > 0
      ? h(
          'p',
          { class: 'chips' },
          '最近的案件：',
          caseIds.map((c) =>
            h(
              'a',
              { href: hrefOf('cases', { case: c }), 'aria-current': c === caseId ? 'page' : undefined },
              c
            )
          )
        )
      : null,
    body
  )
}
