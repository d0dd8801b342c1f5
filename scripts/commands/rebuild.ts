/**
 * @module `kaoping rebuild [--db PATH]`: recomputes every ranking from the log beside the live ones, then switches.
 * A person reads 重算排名 here, never 投影: that is the developers' word for the same thing.
 */
import { parseCommand } from '../lib/args'
import { requireDatabase } from '../lib/existing-database'
import { openProjections } from '../lib/open-projections'
import { progressReporter } from '../lib/progress'
import { explainRankingStop } from '../lib/ranking-stopped'
import { REBUILD } from '../lib/specs/rebuild'

export const rebuild = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(REBUILD, argv)
  requireDatabase(values.db)
  const progress = progressReporter('重算排名')
  const opened = openProjections(values.db, progress.update)
  const started = performance.now()
  try {
    const done = await opened.projector.rebuild()
    progress.stop()
    const seconds = (performance.now() - started) / 1000
    return `已重算排名：${done} 条事件，用时 ${seconds.toFixed(1)} 秒（${Math.round(done / Math.max(seconds, 0.001))} 条/秒）\n`
  } catch (e) {
    progress.stop()
    throw explainRankingStop(e)
  } finally {
    await opened.close()
  }
}
