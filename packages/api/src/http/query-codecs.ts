/** @module Codecs for query and path parameters, which always arrive as strings. */
import { IsoDate, UnitId } from '@kaoping/core'
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
/** An instant or a date (a bare date means the end of that day, Beijing time); checked by core's parseAsOf. */
export const AsOf = t.string
export { IsoDate, UnitId }
