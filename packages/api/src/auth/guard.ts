/**
 * @module Who may call what. `authenticate` turns the bearer token into a Principal (401 otherwise);
 * `allow(...)` names the roles of a route (403 otherwise) and is read back by the OpenAPI document.
 * A reporter's unit scope is checked where the unit is known: `ownUnit`.
 */

import { type Principal, ROLE_LABELS, type Role } from '@kaoping/core'
import type { MiddlewareHandler } from 'hono'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import type { TokenBook } from './tokens'

const BEARER = /^Bearer\s+(\S+)\s*$/i

export const authenticate =
  (book: TokenBook): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header('Authorization')
    if (!header)
      throw new ApiFailure({ _tag: 'Unauthorized', message: '缺少身份令牌（Authorization: Bearer …）' })
    const token = BEARER.exec(header)?.[1]
    const principal = token === undefined ? undefined : book.authenticate(token)
    if (!principal) throw new ApiFailure({ _tag: 'Unauthorized', message: '身份令牌无效' })
    c.set('principal', principal)
    await next()
  }

const ROLE_NAMES = ROLE_LABELS

export interface RolesMeta {
  readonly openapi: { readonly kind: 'roles'; readonly roles: ReadonlyArray<Role> }
}

export const allow = (...roles: ReadonlyArray<Role>): MiddlewareHandler<AppEnv> & RolesMeta => {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const { role } = c.get('principal')
    if (!roles.includes(role))
      throw new ApiFailure({
        _tag: 'Forbidden',
        message: `${ROLE_NAMES[role]}无权执行此操作（限：${roles.map((r) => ROLE_NAMES[r]).join('、')}）`,
      })
    await next()
  }
  return Object.assign(middleware, { openapi: { kind: 'roles' as const, roles } })
}

/** A reporter reads and writes only its own unit; admins and auditors see every unit. */
export const ownUnit = (principal: Principal, unitId: string): void => {
  if (principal.role === 'reporter' && principal.unitId !== unitId)
    throw new ApiFailure({
      _tag: 'Forbidden',
      message: `填报单位 ${principal.unitId} 只能访问本单位的数据，不能访问 ${unitId}`,
    })
}
