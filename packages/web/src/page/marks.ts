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

export const EVENT_LABELS: Readonly<Record<string, string>> = {
  UnitRegistered: '登记被考核单位',
  SchemePublished: '发布考核办法',
  CaseOpened: '立案/收案',
  HearingHeld: '开庭',
  DefenseSubmitted: '答辩',
  CaseDecided: '判决/决定',
  CaseClosed: '结案',
  RulingPerformed: '履行生效裁判',
  TrainingHeld: '学法/培训/考试',
  PublicityHeld: '普法宣传',
  DocumentIssued: '印发文件',
  NotificationReceived: '被通报',
  RectificationCompleted: '整改完成',
  StaffingReported: '机构与人员',
  InspectionConducted: '检查',
  CaseFileReviewScored: '案卷评查',
  RepresentationHandled: '建议提案办理',
  HonorAwarded: '荣誉',
  SurveyScored: '满意度测评',
  VetoIncidentRecorded: '一票否决事项',
  EventRetracted: '撤回记录',
  PointsAdjusted: '人工调整分数',
}
