/** @module Bring the read models up to date before a query, unless a running server already keeps them so. */
import { ProjectionLocked } from '@kaoping/projections'
import type { Opened } from './open-projections'

export const catchUpUnlessRunning = async (opened: Opened): Promise<void> => {
  try {
    await opened.projector.catchUp()
  } catch (e) {
    // Another runner (a server) holds the lease and keeps the read models current: read what it wrote.
    if (!(e instanceof ProjectionLocked)) throw e
  }
}
