/** @module `pnpm docs:events`: writes docs/events.md from the catalog. */
import { writeFileSync } from 'node:fs'
import { eventsDoc } from './events-doc'

writeFileSync(new URL('../../docs/events.md', import.meta.url), eventsDoc())
process.stdout.write('docs/events.md 已按事件目录重新生成\n')
