/** @module `kaoping ranking --scheme ID [--as-of …] [--basis …] [--version N] [--format table|json|csv] [--db PATH]`. */
import { indexSource, ranking as rankingQuery } from '@kaoping/projections'
import * as E from 'fp-ts/Either'
import { parseCommand } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { requireDatabase } from '../lib/existing-database'
import { openProjections } from '../lib/open-projections'
import { explainRankingStop } from '../lib/ranking-stopped'
import { describeSchemeError, requireSchemeId } from '../lib/scheme-id'
import { RANKING } from '../lib/specs/ranking'
import { formatResult } from './replay'

export const ranking = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(RANKING, argv)
  requireSchemeId('ranking', values.scheme)
  requireDatabase(values.db)
  const opened = openProjections(values.db)
  try {
    await catchUpUnlessRunning(opened)
    const tables = opened.projector.tables()
    const r = rankingQuery(opened.db, tables, {
      schemeId: values.scheme,
      asOf: values['as-of'],
      basis: values.basis as 'recorded' | 'occurred',
      version: values.version === undefined ? undefined : Number(values.version),
    })
    if (E.isLeft(r)) throw describeSchemeError(r.left, schemeIds(opened.db, tables))
    return formatResult(r.right.result, r.right.scheme, values.format as 'table' | 'json' | 'csv')
  } catch (e) {
    throw explainRankingStop(e)
  } finally {
    await opened.close()
  }
}

/** The ids of every scheme ever published, in order, for "未找到" messages. */
export const schemeIds = (
  db: Parameters<typeof indexSource>[0],
  tables: Parameters<typeof indexSource>[1]
): string[] =>
  [
    ...new Set(
      indexSource(db, tables)
        .allSchemes()
        .map((s) => s.schemeId)
    ),
  ].sort()
