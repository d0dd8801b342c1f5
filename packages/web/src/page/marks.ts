/** @module What the ranking table shows beside a total: 计0分, 一票否决, 封顶, and exact changes in points. */
import { h } from './dom'
import type { UnitEntry } from './types'

export const marks = (u: UnitEntry) => [
  u.zeroed ? h('span', { class: 'mark', title: '被省厅通报等，总分计“0”分' }, '计0分') : null,
  u.vetoed ? h('span', { class: 'mark', title: '发生一票否决事项' }, '一票否决') : null,
  u.rulesFired.some((r) => r.kind === 'gradeCap')
    ? h('span', { class: 'mark cap', title: '等次封顶' }, '封顶')
    : null,
]

/** Totals are 2-decimal strings: subtract in integer cents, so the change shown is exact. */
const cents = (s: string) => {
  const [i, f = ''] = s.replace('-', '').split('.')
  const v = Number(i) * 100 + Number(f.padEnd(2, '0').slice(0, 2))
  return s.startsWith('-') ? -v : v
}

export const change = (now: string, then: string | undefined) => {
  if (then === undefined) return h('span', { class: 'muted' }, '—')
  const d = cents(now) - cents(then)
  const text = `${d > 0 ? '+' : d < 0 ? '−' : '±'}${(Math.abs(d) / 100).toFixed(2)}`
  return h('span', { class: d > 0 ? 'up' : d < 0 ? 'down' : 'muted' }, text)
}
