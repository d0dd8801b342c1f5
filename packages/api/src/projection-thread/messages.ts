/** @module What the HTTP thread and the projection thread say to each other. Positions travel as strings. */
export type FromMain = { readonly type: 'appended'; readonly position: string } | { readonly type: 'stop' }

export type FromWorker =
  | { readonly type: 'position'; readonly position: string }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string }
  /** The read models are not the store's (another store, or ahead of its head) and are being rebuilt; none: done. */
  | { readonly type: 'store'; readonly problem?: string }
