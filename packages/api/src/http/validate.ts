/**
 * @module The one validator middleware: decodes the body, query or path parameters with an io-ts codec and
 * hands the handler the decoded value (`c.req.valid(target)`), or answers 400/415 naming every bad path.
 * It carries its codec, so the OpenAPI document is generated from what the server really checks.
 */
import { toIssues, tooDeep, tooDeepMessage } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import type { Env, MiddlewareHandler } from 'hono'
import type * as t from 'io-ts'
import { ApiFailure } from './api-error'

export type Target = 'json' | 'query' | 'param'

export interface ValidatorMeta {
  readonly openapi: {
    readonly kind: 'validator'
    readonly target: Target
    readonly codec: t.Decoder<unknown, unknown>
  }
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i

const PREFIX: Readonly<Record<Target, string>> = { json: '', query: 'query', param: 'path' }

const readJson = async (c: Parameters<MiddlewareHandler>[0]): Promise<unknown> => {
  const contentType = c.req.header('Content-Type')
  if (!JSON_TYPE.test((contentType ?? '').split(';')[0]!.trim()))
    throw new ApiFailure({ _tag: 'UnsupportedMediaType', contentType })
  const text = await c.req.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ApiFailure({ _tag: 'InvalidJson', message: (e as Error).message })
  }
  const deep = tooDeep(json)
  if (deep !== undefined)
    throw new ApiFailure({ _tag: 'InvalidRequest', issues: [{ path: deep, message: tooDeepMessage() }] })
  return json
}

const single = (values: Record<string, string[]>): Record<string, string | string[]> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]))

export const validate = <T extends Target, A>(
  target: T,
  codec: t.Decoder<unknown, A>
): MiddlewareHandler<Env, string, { in: { [K in T]: unknown }; out: { [K in T]: A } }> & ValidatorMeta => {
  const middleware: MiddlewareHandler = async (c, next) => {
    const input =
      target === 'json' ? await readJson(c) : target === 'query' ? single(c.req.queries()) : c.req.param()
    const decoded = codec.decode(input)
    if (E.isLeft(decoded))
      throw new ApiFailure({ _tag: 'InvalidRequest', issues: toIssues(decoded.left, PREFIX[target]) })
    c.req.addValidatedData(target, decoded.right as object)
    await next()
  }
  return Object.assign(middleware, { openapi: { kind: 'validator' as const, target, codec } }) as never
}
