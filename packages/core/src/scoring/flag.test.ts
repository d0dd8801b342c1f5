import { describe, expect, it } from 'vitest'
import { fact, staffing, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const legalSection = testScheme([
  {
    id: 'A1',
    name: '设立政策法规股',
    max: 4,
    metric: { latest: 'StaffingReported', field: 'legalSectionEstablished' },
    scoring: { kind: 'flag' },
  },
  {
    id: 'B4',
    name: '旁听庭审',
    max: 2,
    metric: { count: 'TrainingHeld', where: { kind: 'court_observation' } },
    scoring: { kind: 'flag' },
  },
])

describe('flag', () => {
  it('gives 设立政策法规股 its full 4 points when the latest report says it exists', () => {
    const s = given(
      unitRegistered('jiange'),
      staffing('jiange', false, 0, '2017-02-01'),
      staffing('jiange', true, 1, '2017-05-01')
    ).scoredWith(legalSection)
    expect(s.indicator('jiange', 'A1')).toMatchObject({ value: true, points: '4.00', max: '4.00' })
  })

  it('scores 0 when the latest report (even from the previous year) says no section exists', () => {
    const s = given(unitRegistered('jiange'), staffing('jiange', false, 0, '2016-11-01')).scoredWith(
      legalSection
    )
    expect(s.indicator('jiange', 'A1')).toMatchObject({ value: false, points: '0.00' })
  })

  it('treats a count of one 旁听庭审 as done and none as not done', () => {
    const s = given(
      unitRegistered('jiange'),
      unitRegistered('lizhou'),
      fact('TrainingHeld', 'jiange', {
        sessionId: 's1',
        kind: 'court_observation',
        topic: '旁听庭审',
        attendees: 12,
      })
    ).scoredWith(legalSection)
    expect(s.indicator('jiange', 'B4').points).toBe('2.00')
    expect(s.indicator('lizhou', 'B4').points).toBe('0.00')
  })
})
