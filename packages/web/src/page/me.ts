/** @module Who is logged in (`GET /v1/me`): the page picks its views and its landing by the role. */
import { getJson } from './client'

export type Role = 'admin' | 'reporter' | 'reviewer' | 'auditor'
export interface Me {
  readonly role: Role
  readonly roleLabel: string
  readonly name: string
  readonly unitId: string | null
}

let me: Promise<Me> | undefined
export const loadMe = (): Promise<Me> => {
  me ??= getJson<Me>('/v1/me').catch((e) => {
    me = undefined
    throw e
  })
  return me
}
export const forgetMe = () => {
  me = undefined
}
