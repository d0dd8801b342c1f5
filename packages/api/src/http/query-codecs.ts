/** @module Codecs for query and path parameters, which always arrive as strings. */
import { IsoDate, parseAsOf, UnitId } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'

/** A decimal integer written as a string, at least `min`; named in words for the error message. */
const intFrom = (name: string, min: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min,
    (u, c) => {
      if (typeof u !== 'string' || !/^\d{1,15}$/.test(u)) return t.failure(u, c)
      const n = Number(u)
      return n >= min ? t.success(n) : t.failure(u, c)
    },
    String
  )

export const PositiveIntQuery = intFrom('正整数', 1)
export const PositionQuery = intFrom('非负整数（日志位置）', 0)
export const Basis = t.keyof({ recorded: null, occurred: null }, '"recorded" | "occurred"')
export const RankingFormat = t.keyof({ json: null, csv: null, xlsx: null }, '"json" | "csv" | "xlsx"')
/**
 * An instant or a date (a bare date means the end of that day, Beijing time), checked by core's own parser so
 * a bad value is a 400 at its own parameter — never silently an empty "before".
 */
export const AsOf = new t.Type<string, string, unknown>(
  '日期（YYYY-MM-DD）或带时区的 ISO-8601 时间',
  (u): u is string => typeof u === 'string' && E.isRight(parseAsOf(u, 'recorded')),
  (u, c) => (typeof u === 'string' && E.isRight(parseAsOf(u, 'recorded')) ? t.success(u) : t.failure(u, c)),
  t.identity
)
export { IsoDate, UnitId }
