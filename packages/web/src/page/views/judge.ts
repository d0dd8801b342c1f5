/**
 * @module 评议打分: the 考核组 scores each unit on the judged indicators (IndicatorJudged), with the rubric text (评分标准,
 * 依据, 主要资料) beside them and the points currently counted.
 */
import { appendEvents, getJson } from '../client'
import { h } from '../dom'
import { go } from '../route'
import { allIndicators, loadScheme, loadSchemes } from '../schemes'
import { todayBeijing } from '../time'
import type { Result } from '../types'
import { errorLine } from './errors'

export const judgeView = async (params: URLSearchParams) => {
  const schemes = await loadSchemes()
  const schemeId =
    params.get('scheme') ?? (schemes.find((s) => s.appliesTo === 'district') ?? schemes[0])?.schemeId ?? ''
  const [scheme, result] = await Promise.all([
    loadScheme(schemeId),
    getJson<Result>(`/v1/schemes/${encodeURIComponent(schemeId)}/ranking?view=summary`),
  ])
  const judged = allIndicators(scheme).filter((i) => i.scoring.kind === 'judged')
  const schemeSelect = h(
    'select',
    {
      id: 'j-scheme',
      onchange: (e: Event) => go('judge', { scheme: (e.target as HTMLSelectElement).value }),
    },
    schemes.map((s) => h('option', { value: s.schemeId, selected: s.schemeId === schemeId }, s.title))
  )
  const pointsOf = (unitId: string, id: string) =>
    result.units
      .find((u) => u.unitId === unitId)
      ?.categories.flatMap((c) => c.indicators)
      .find((i) => i.id === id)?.points ?? null

  return h(
    'section',
    { id: 'judge', 'data-title': '评议打分' },
    h('h2', {}, '评议类指标打分'),
    h('div', { class: 'bar' }, h('label', { for: 'j-scheme' }, '考核办法', schemeSelect)),
    judged.length === 0 ? h('p', { class: 'muted' }, '此考核办法没有评议类指标。') : null,
    judged.map((ind) =>
      h(
        'div',
        { class: 'judged', 'data-indicator': ind.id },
        h('h3', {}, `${ind.id} ${ind.name}（满分 ${ind.max}）`),
        h(
          'div',
          { class: 'split' },
          h(
            'dl',
            { class: 'rubric' },
            ind.criteria ? [h('dt', {}, '评分标准'), h('dd', {}, ind.criteria)] : null,
            ind.basis ? [h('dt', {}, '依据'), h('dd', {}, ind.basis)] : null,
            ind.evidence ? [h('dt', {}, '主要资料'), h('dd', {}, ind.evidence)] : null
          ),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['单位', '当前得分', '评分', '理由', ''].map((t) => h('th', { scope: 'col' }, t))
              )
            ),
            h(
              'tbody',
              {},
              result.units.map((u) => {
                const pid = `j-${ind.id}-${u.unitId}`
                const points = h('input', {
                  type: 'number',
                  id: pid,
                  min: 0,
                  max: ind.max,
                  step: 'any',
                  class: 'short',
                }) as HTMLInputElement
                const reason = h('input', {
                  type: 'text',
                  id: `${pid}-reason`,
                  'aria-label': `${u.name}评分理由`,
                }) as HTMLInputElement
                const msg = h('span', { role: 'status' })
                const save = async () => {
                  if (points.value.trim() === '' || !reason.value.trim()) {
                    msg.textContent = '请填写评分和理由'
                    return
                  }
                  try {
                    await appendEvents([
                      {
                        type: 'IndicatorJudged',
                        data: {
                          unitId: u.unitId,
                          occurredOn: todayBeijing(),
                          schemeId,
                          indicatorId: ind.id,
                          points: Number(points.value),
                          reason: reason.value.trim(),
                        },
                      },
                    ])
                    msg.textContent = '已保存'
                  } catch (err) {
                    msg.textContent = errorLine(err)
                  }
                }
                return h(
                  'tr',
                  { 'data-unit': u.unitId },
                  h('th', { scope: 'row' }, h('label', { for: pid }, u.name)),
                  h('td', { class: 'num' }, pointsOf(u.unitId, ind.id) ?? '未评'),
                  h('td', {}, points),
                  h('td', {}, reason),
                  h('td', {}, h('button', { type: 'button', onclick: save }, '保存'), ' ', msg)
                )
              })
            )
          )
        )
      )
    )
  )
}
