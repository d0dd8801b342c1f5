/** @module What middleware leaves for handlers on the request context. */
import type { Principal } from '../auth/tokens'

export interface AppEnv {
  Variables: {
    principal: Principal
    requestId: string
  }
}
