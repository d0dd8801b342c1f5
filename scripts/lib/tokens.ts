/**
 * @module Loads the token book. Without KAOPING_TOKENS the server uses `tokens.json` beside the database and
 * creates it on first start with random demo tokens (an admin, a reviewer, an auditor, a reporter for 利州区), so
 * `pnpm start` can print a working admin token. The file is written owner-readable only.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { type TokenBook, tokenBook } from '@kaoping/api'
import { formatIssue } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { UsageError } from './cli-error'
import type { ServerConfig } from './config'

export interface LoadedTokens {
  readonly book: TokenBook
  /** The demo admin token, when this start created or uses the generated file. */
  readonly demoAdmin?: string
  readonly where: string
}

const fresh = () => randomBytes(24).toString('base64url')

const demoTokens = () => [
  { token: fresh(), role: 'admin', name: '示范管理员' },
  { token: fresh(), role: 'reviewer', name: '示范考核组' },
  { token: fresh(), role: 'auditor', name: '示范审计' },
  { token: fresh(), role: 'reporter', unitId: 'lizhou', name: '利州区填报员' },
]

export const loadTokens = (config: ServerConfig['tokens']): LoadedTokens => {
  let text: string
  let where: string
  if (config.source === 'inline') {
    text = config.json
    where = 'KAOPING_TOKENS'
  } else {
    where = config.path
    if (config.generated && !existsSync(config.path)) {
      mkdirSync(dirname(config.path), { recursive: true })
      writeFileSync(config.path, `${JSON.stringify(demoTokens(), null, 2)}\n`, { mode: 0o600 })
    }
    try {
      text = readFileSync(config.path, 'utf8')
    } catch (e) {
      throw new UsageError([
        `无法读取令牌文件 ${config.path}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      ])
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new UsageError([`令牌文件 ${where} 不是有效的 JSON：${(e as Error).message}`])
  }
  const book = tokenBook(json)
  if (E.isLeft(book)) throw new UsageError(book.left.map((i) => `${where}: ${formatIssue(i)}`))
  if (book.right.size === 0) throw new UsageError([`令牌文件 ${where} 没有任何令牌，服务将无人可用`])
  const admin =
    config.source === 'file' && config.generated
      ? (json as Array<{ token?: string; role?: string }>).find((e) => e.role === 'admin')?.token
      : undefined
  return { book: book.right, where, ...(admin ? { demoAdmin: admin } : {}) }
}
