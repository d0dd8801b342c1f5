/**
 * @module The small city many tests share: two districts (利州区, 苍溪县) under a one-indicator scheme
 * (学法不少于4次, 10 points, linear), so a district with 2 trainings scores 5.00, 3 score 7.50, 4 or more 10.00.
 * Tests that need another period, id, title, grades or rules say so; everything else is the same scheme.
 * Data only (as `POST /v1/events` takes it), so every package's tests may import it.
 */

export interface SchemeOptions {
  readonly schemeId?: string
  readonly title?: string
  readonly period?: { readonly from: string; readonly to: string }
  readonly grades?: ReadonlyArray<{ readonly name: string; readonly min: number }>
  readonly rules?: ReadonlyArray<unknown>
}

export const learningScheme = (o: SchemeOptions = {}) => ({
  schemeId: o.schemeId ?? 'test-2026',
  version: 1,
  title: o.title ?? '测试考核办法',
  appliesTo: 'district',
  period: o.period ?? { from: '2026-01-01', to: '2026-12-31' },
  categories: [
    {
      id: 'A',
      name: '学法',
      max: 10,
      indicators: [
        {
          id: 'A1',
          name: '学法不少于4次',
          max: 10,
          metric: { count: 'TrainingHeld' },
          scoring: { kind: 'linear', target: 4 },
        },
      ],
    },
  ],
  ...(o.rules ? { rules: o.rules } : {}),
  grades: o.grades ?? [
    { name: '优秀', min: 9 },
    { name: '合格', min: 0 },
  ],
})

let sessions = 0
/** One 学法 session of a unit, with a session id never used before in this process. */
export const trainingEvent = (unitId: string, occurredOn = '2026-03-10') => ({
  type: 'TrainingHeld',
  data: {
    unitId,
    occurredOn,
    sessionId: `s-${++sessions}`,
    kind: 'leadership_study',
    topic: '学习宪法',
    attendees: 20,
  },
})

export const DISTRICTS = [
  { type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } },
  { type: 'UnitRegistered', data: { unitId: 'cangxi', name: '苍溪县', kind: 'district' } },
] as const

/** The registry, the scheme, and this many trainings per district (on `on`, inside the scheme's period). */
export const smallCity = (
  trainings: { readonly lizhou: number; readonly cangxi: number },
  scheme: ReturnType<typeof learningScheme> = learningScheme(),
  on = '2026-03-10'
) => [
  ...DISTRICTS,
  { type: 'SchemePublished', data: { schemeId: scheme.schemeId, version: 1, scheme } },
  ...Array.from({ length: trainings.lizhou }, () => trainingEvent('lizhou', on)),
  ...Array.from({ length: trainings.cangxi }, () => trainingEvent('cangxi', on)),
]
