/**
 * @module `pnpm start`, the main job on the embedded default: the HTTP API on ./data/kaoping.db with the demo
 * city loaded on first start; prints the URL and a demo admin token, and serves until stopped.
 */
import { serve } from './commands/serve'
import { runCommand } from './lib/cli-error'
import { boundHeapGrowth } from './lib/heap-growth'

await runCommand(() => {
  boundHeapGrowth()
  return serve(process.argv.slice(2))
})
