/** @module How the page shows a refused request: the server's message and each issue it named. */
import { ApiError } from '../client'
import { h } from '../dom'

/** The message, then the issues as a list (for a form's error area). */
export const errorNodes = (err: unknown) =>
  [
    h('p', { class: 'error' }, (err as Error).message),
    err instanceof ApiError && err.issues.length > 0
      ? h(
          'ul',
          {},
          err.issues.map((i) => h('li', {}, i.message))
        )
      : null,
  ] as const

/** The issues on one line, or the message when there are none (for a short status beside a button). */
export const errorLine = (err: unknown): string =>
  err instanceof ApiError && err.issues.length > 0
    ? err.issues.map((i) => i.message).join('；')
    : (err as Error).message
