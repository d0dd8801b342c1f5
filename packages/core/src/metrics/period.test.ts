import { describe, expect, it } from 'vitest'
import { previousPeriod } from './period'

describe('previousPeriod', () => {
  it('compares a calendar year with the previous calendar year', () => {
    expect(previousPeriod({ from: '2017-01-01', to: '2017-12-31' })).toEqual({
      from: '2016-01-01',
      to: '2016-12-31',
    })
  })
  it('shifts a July-to-June year (seed 000) by twelve months', () => {
    expect(previousPeriod({ from: '2022-07-01', to: '2023-06-30' })).toEqual({
      from: '2021-07-01',
      to: '2022-06-30',
    })
  })
  it('shifts a February by one month to January', () => {
    expect(previousPeriod({ from: '2016-02-01', to: '2016-02-29' })).toEqual({
      from: '2016-01-01',
      to: '2016-01-31',
    })
  })
  it('shifts other periods by their length in days', () => {
    expect(previousPeriod({ from: '2017-03-10', to: '2017-03-19' })).toEqual({
      from: '2017-02-28',
      to: '2017-03-09',
    })
  })
})
