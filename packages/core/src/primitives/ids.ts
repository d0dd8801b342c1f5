/** @module Branded identifiers. */
import * as t from 'io-ts'

export interface UnitIdBrand {
  readonly UnitId: unique symbol
}
/** A unit slug: `[a-z0-9-]{1,64}` (SPEC §2). */
export const UnitId = t.brand(
  t.string,
  (s): s is t.Branded<string, UnitIdBrand> => /^[a-z0-9-]{1,64}$/.test(s),
  'UnitId'
)
export type UnitId = t.TypeOf<typeof UnitId>

export interface SlugBrand {
  readonly Slug: unique symbol
}
/** Ids chosen by people (case ids, document ids, vocabulary slugs): short, no spaces. */
export const Slug = t.brand(
  t.string,
  (s): s is t.Branded<string, SlugBrand> => /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/.test(s),
  'Slug'
)
export type Slug = t.TypeOf<typeof Slug>

export interface UuidBrand {
  readonly Uuid: unique symbol
}
export const Uuid = t.brand(
  t.string,
  (s): s is t.Branded<string, UuidBrand> =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  'Uuid'
)
export type Uuid = t.TypeOf<typeof Uuid>

export interface NonEmptyStringBrand {
  readonly NonEmptyString: unique symbol
}
export const NonEmptyString = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyStringBrand> => s.trim().length > 0,
  'NonEmptyString'
)
export type NonEmptyString = t.TypeOf<typeof NonEmptyString>
