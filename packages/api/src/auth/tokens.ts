/**
 * @module Bearer tokens and who they stand for. The book keeps only SHA-256 digests (a token file may give the
 * token or just its digest), so neither memory dumps nor logs hold a usable token.
 */
import { createHash } from 'node:crypto'
import { type Issue, NonEmptyString, type Principal, Role, strict, toIssues, UnitId } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'

export { type Principal, Role }

// Named in words: the name is what a rejected token file's message shows.
const Token = t.refinement(t.string, (s) => s.length >= 16 && !/\s/.test(s), '至少 16 个字符、不含空白的令牌')
const Digest = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), '64 位小写十六进制的 SHA-256 摘要')

export const TokenEntry = strict(
  { role: Role },
  { token: Token, sha256: Digest, unitId: UnitId, name: NonEmptyString },
  'TokenEntry'
)
type TokenEntry = t.TypeOf<typeof TokenEntry>
export const TokenFile = t.array(TokenEntry, 'TokenFile')

export const digest = (token: string): string => createHash('sha256').update(token).digest('hex')

export interface TokenBook {
  readonly authenticate: (token: string) => Principal | undefined
  readonly size: number
}

/** Checks every entry (one token or digest each, a unit for reporters only, no digest twice) and builds the book. */
export const tokenBook = (input: unknown): E.Either<ReadonlyArray<Issue>, TokenBook> => {
  const decoded = TokenFile.decode(input)
  if (E.isLeft(decoded)) return E.left(toIssues(decoded.left))
  const issues: Issue[] = []
  const byDigest = new Map<string, Principal>()
  const problemOf = (entry: TokenEntry, hash: string): string | undefined => {
    if ((entry.token === undefined) === (entry.sha256 === undefined))
      return 'token 与 sha256 须且只能给出其一'
    if (entry.role === 'reporter' && entry.unitId === undefined) return 'reporter 须绑定 unitId'
    if (entry.role !== 'reporter' && entry.unitId !== undefined) return '只有 reporter 可以绑定 unitId'
    if (byDigest.has(hash)) return '令牌重复'
    return undefined
  }
  decoded.right.forEach((entry, i) => {
    const hash = entry.sha256 ?? digest(entry.token ?? '')
    const problem = problemOf(entry, hash)
    if (problem) {
      issues.push({ path: String(i), message: problem })
      return
    }
    // The name recorded as actor names the holder without revealing the token: a name, or a digest prefix.
    const name = entry.name ?? `#${hash.slice(0, 8)}`
    byDigest.set(hash, { role: entry.role, ...(entry.unitId ? { unitId: entry.unitId } : {}), name })
  })
  if (issues.length > 0) return E.left(issues)
  return E.right({ authenticate: (token) => byDigest.get(digest(token)), size: byDigest.size })
}
