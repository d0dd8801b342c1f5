/** @module What the HTTP thread and the projection thread say to each other. Positions travel as strings. */
export type FromMain = { readonly type: 'appended'; readonly position: string } | { readonly type: 'stop' }

export type FromWorker =
  | { readonly type: 'position'; readonly position: string }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string }
