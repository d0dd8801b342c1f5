/** @module How an indicator turns its metric value into points (SPEC §4 "Scoring kinds"). */
import * as t from 'io-ts'
import { mapDecoded } from '../codec/map-decoded'
import { byTag, oneOfKeys } from '../codec/one-of-keys'
import { strict } from '../codec/strict'
import { IsoDate } from '../primitives/iso-date'
import { Finite, NonNegativeNumber } from '../primitives/numbers'

export interface PositiveNumberBrand {
  readonly PositiveNumber: unique symbol
}
export const PositiveNumber = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveNumberBrand> => Number.isFinite(n) && n > 0,
  'PositiveNumber'
)

export type BandTest = 'gte' | 'gt' | 'lte' | 'lt' | 'eq'
export const BAND_TESTS: ReadonlyArray<BandTest> = ['gte', 'gt', 'lte', 'lt', 'eq']

/** One band: a test against a threshold and the points it gives. */
export interface Band {
  readonly test: BandTest
  readonly threshold: number
  readonly points: number
}

const Band: t.Type<Band, unknown, unknown> = oneOfKeys<Band>(
  'Band',
  BAND_TESTS.map(
    (test) =>
      [
        test,
        mapDecoded(
          strict({ [test]: Finite, points: NonNegativeNumber } as Record<string, t.Mixed>, {}, test),
          (b): Band => ({ test, threshold: b[test] as number, points: b.points as number })
        ),
      ] as const
  ),
  '含 gte、gt、lte、lt、eq 之一和 points 的档位'
)

export type Order = 'desc' | 'asc'

export type Scoring =
  | { readonly kind: 'flag' }
  | { readonly kind: 'linear'; readonly target: number }
  | { readonly kind: 'bands'; readonly bands: ReadonlyArray<Band>; readonly else?: number }
  | { readonly kind: 'deduct'; readonly per: number; readonly cap?: number }
  | { readonly kind: 'deadline'; readonly due: IsoDate; readonly perDayLate: number }
  | { readonly kind: 'bonus'; readonly per: number }
  | { readonly kind: 'rank'; readonly first: number; readonly step: number; readonly order?: Order }
  /** The points of the latest IndicatorJudged for the unit, scheme and indicator, within [0, max]. */
  | { readonly kind: 'judged' }

const kind = <K extends string>(k: K) => t.literal(k)

export const Scoring: t.Type<Scoring, unknown, unknown> = byTag<Scoring>('Scoring', 'kind', {
  flag: strict({ kind: kind('flag') }, {}, 'flag'),
  linear: strict({ kind: kind('linear'), target: PositiveNumber }, {}, 'linear'),
  bands: strict({ kind: kind('bands'), bands: t.array(Band) }, { else: NonNegativeNumber }, 'bands'),
  deduct: strict({ kind: kind('deduct'), per: PositiveNumber }, { cap: NonNegativeNumber }, 'deduct'),
  deadline: strict({ kind: kind('deadline'), due: IsoDate, perDayLate: NonNegativeNumber }, {}, 'deadline'),
  bonus: strict({ kind: kind('bonus'), per: PositiveNumber }, {}, 'bonus'),
  rank: strict(
    { kind: kind('rank'), first: NonNegativeNumber, step: NonNegativeNumber },
    { order: t.keyof({ desc: null, asc: null }) },
    'rank'
  ),
  judged: strict({ kind: kind('judged') }, {}, 'judged'),
})
