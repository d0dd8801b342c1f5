/** @module `kaoping rebuild [--db PATH]`: rebuilds every read model from the log beside the live ones, then switches. */
import { ProjectionLocked, ProjectionStopped } from '@kaoping/projections'
import { parse } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { openProjections } from '../lib/open-projections'
import { progressReporter } from '../lib/progress'

export const REBUILD_USAGE = '用法：kaoping rebuild [--db data/kaoping.db]'

export const rebuild = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parse(argv, { db: { type: 'string' } }, REBUILD_USAGE)
  const progress = progressReporter('重建投影')
  const opened = openProjections(values.db, progress.update)
  const started = performance.now()
  try {
    const done = await opened.projector.rebuild()
    progress.stop()
    const seconds = (performance.now() - started) / 1000
    return `已重建投影：${done} 条事件，用时 ${seconds.toFixed(1)} 秒（${Math.round(done / Math.max(seconds, 0.001))} 条/秒）\n`
  } catch (e) {
    progress.stop()
    if (e instanceof ProjectionLocked || e instanceof ProjectionStopped) throw new UsageError([e.message])
    throw e
  } finally {
    await opened.close()
  }
}
