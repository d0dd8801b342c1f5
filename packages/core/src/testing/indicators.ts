/** @module Indicators of the default district scheme as scheme JSON, for scoring tests. */

/** E1 负责人出庭应诉率: hearings with the chief present over all hearings, bands 100% / 90% / 80%. */
export const appearanceRate = (extra: Record<string, unknown> = {}) => ({
  id: 'E1',
  name: '负责人出庭应诉率',
  max: 6,
  metric: { ratio: [{ count: 'HearingHeld', where: { leaderAppeared: true } }, { count: 'HearingHeld' }] },
  scoring: {
    kind: 'bands',
    bands: [
      { gte: 1, points: 6 },
      { gte: 0.9, points: 4 },
      { gte: 0.8, points: 2 },
    ],
  },
  ...extra,
})
