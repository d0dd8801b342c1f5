/**
 * @module io-ts codec → JSON Schema (the dialect of OpenAPI 3.1), so the OpenAPI document describes exactly
 * what the server's codecs accept. Recursive codecs become named components; hand-written codecs are read
 * through the alternatives they record (core `withAlternatives`).
 */
import { alternativesOf } from '@kaoping/core'
import type * as t from 'io-ts'

export type JsonSchema = { readonly [key: string]: unknown } | boolean

/** Branded primitives by name: the base type plus what the brand's predicate checks. */
const BRANDS: Readonly<Record<string, JsonSchema>> = {
  IsoDate: { type: 'string', format: 'date', description: '日期 YYYY-MM-DD' },
  IsoInstant: { type: 'string', format: 'date-time', description: '带时区的 ISO-8601 时间' },
  UnitId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', description: '单位代码' },
  Slug: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$' },
  Uuid: { type: 'string', format: 'uuid' },
  NonEmptyString: { type: 'string', minLength: 1 },
  NonNegativeInt: { type: 'integer', minimum: 0 },
  PositiveInt: { type: 'integer', minimum: 1 },
  Int: { type: 'integer' },
  NonNegativeNumber: { type: 'number', minimum: 0 },
  PositiveNumber: { type: 'number', exclusiveMinimum: 0 },
  Score100: { type: 'number', minimum: 0, maximum: 100 },
  FiniteNumber: { type: 'number' },
  正整数: { type: 'integer', minimum: 1 },
  '非负整数（日志位置）': { type: 'integer', minimum: 0 },
}

interface Strict {
  readonly shape: { readonly required: t.Props; readonly optional: t.Props }
}

type Any = t.Decoder<unknown, unknown> & { readonly _tag?: string; readonly name: string }

/** Collects recursive codecs as components; `ref` names them under `#/components/schemas/`. */
export class SchemaBook {
  readonly components = new Map<string, JsonSchema>()

  of(codec: t.Decoder<unknown, unknown>): JsonSchema {
    const c = codec as Any & Record<string, unknown>
    const alternatives = alternativesOf(c)
    if (alternatives) {
      const schemas = alternatives.map((a) => this.of(a))
      return schemas.length === 1 ? schemas[0]! : { oneOf: schemas }
    }
    if ('shape' in c)
      return this.object(
        (c as unknown as Strict).shape.required,
        (c as unknown as Strict).shape.optional,
        false
      )
    switch (c._tag) {
      case 'RecursiveType': {
        if (!this.components.has(c.name)) {
          this.components.set(c.name, {}) // placeholder: the body may refer back to itself
          this.components.set(c.name, this.of((c as unknown as t.RecursiveType<t.Any>).type))
        }
        return { $ref: `#/components/schemas/${c.name}` }
      }
      case 'RefinementType':
        return BRANDS[c.name] ?? this.of((c as unknown as t.RefinementType<t.Any>).type)
      case 'InterfaceType':
        return this.object((c as unknown as t.InterfaceType<t.Props>).props, {}, true)
      case 'PartialType':
        return this.object({}, (c as unknown as t.PartialType<t.Props>).props, true)
      case 'ExactType':
        return this.of((c as unknown as t.ExactType<t.Any>).type)
      case 'IntersectionType':
        return { allOf: (c as unknown as t.IntersectionType<t.Any[]>).types.map((x) => this.of(x)) }
      case 'UnionType':
        return { oneOf: (c as unknown as t.UnionType<t.Any[]>).types.map((x) => this.of(x)) }
      case 'LiteralType':
        return { const: (c as unknown as t.LiteralType<string>).value }
      case 'KeyofType':
        return {
          type: 'string',
          enum: Object.keys((c as unknown as t.KeyofType<Record<string, unknown>>).keys),
        }
      case 'ArrayType':
      case 'ReadonlyArrayType':
        return { type: 'array', items: this.of((c as unknown as t.ArrayType<t.Any>).type) }
      case 'TupleType': {
        const items = (c as unknown as t.TupleType<t.Any[]>).types.map((x) => this.of(x))
        return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length }
      }
      case 'DictionaryType':
        return {
          type: 'object',
          additionalProperties: this.of((c as unknown as t.DictionaryType<t.Any, t.Any>).codomain),
        }
      case 'StringType':
        return { type: 'string' }
      case 'NumberType':
        return { type: 'number' }
      case 'BooleanType':
        return { type: 'boolean' }
      case 'NullType':
        return { type: 'null' }
      case 'NeverType':
        return false
      default:
        // t.unknown, and any codec that records nothing: accepts what it is given.
        return BRANDS[c.name] ?? {}
    }
  }

  private object(required: t.Props, optional: t.Props, open: boolean): JsonSchema {
    const properties: Record<string, JsonSchema> = {}
    for (const [k, v] of [...Object.entries(required), ...Object.entries(optional)])
      properties[k] = this.of(v)
    const names = Object.keys(required)
    return {
      type: 'object',
      properties,
      ...(names.length > 0 ? { required: names } : {}),
      ...(open ? {} : { additionalProperties: false }),
    }
  }
}
