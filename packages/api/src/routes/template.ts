/**
 * @module `GET /v1/template`: the import workbook `kaoping template` writes, for the page — its unit, scheme and
 * indicator columns offer the registered units and published schemes by name (a reporter's only its own unit, the
 * only one it may record for).
 */
import { templateWorkbook } from '@kaoping/sheets'
import { Hono } from 'hono'
import { allow } from '../auth/guard'
import type { AppEnv } from '../http/env'
import { type RouteDeps, settled } from './deps'
import { XLSX } from './results'

const FILENAME = '事件导入模板.xlsx'

export const templateRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>().get('/v1/template', allow('admin', 'reporter'), async (c) => {
    await settled(deps, c)
    const principal = c.get('principal')
    const units = deps.readModels
      .units()
      .filter((u) => principal.role !== 'reporter' || u.unitId === principal.unitId)
      .map(({ unitId, name }) => ({ unitId, name }))
    const bytes = await templateWorkbook([], { units, schemes: deps.readModels.schemes() })
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(FILENAME)}`,
    })
  })
