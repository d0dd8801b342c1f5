/**
 * @module `kaoping verify --events FILE` (SPEC §8 "Verification by anyone"): offline, no server. Recomputes every
 * `ResultPublished` of an exported log from the events at positions ≤ its `position`, under the scheme version in
 * force at its `asOf` (core `publication/seal.ts`, the same code the server published with), and prints per
 * publication 一致, or the first differing unit and indicator. Exit 0 only when every publication matches.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import {
  beijingTime,
  checkPublication,
  describeDifference,
  describeReplayError,
  formatLineIssue,
  type PublicationData,
  readLog,
  SEAL_FORM,
  type StoredEvent,
  sealFormOf,
  strippedAfter,
} from '@kaoping/core'
import { codeLabel, sealScopeLabel } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { parseCommand } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { describeFileError } from '../lib/file-error'
import { VERIFY } from '../lib/specs/verify'

/** Each line's log position as exported (`position`), or its line number in a file without positions. */
const positionsByLine = (text: string): Map<number, bigint> => {
  const positions = new Map<number, bigint>()
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return
    const p = (JSON.parse(raw) as { position?: unknown }).position
    positions.set(i + 1, typeof p === 'string' || typeof p === 'number' ? BigInt(p) : BigInt(i + 1))
  })
  return positions
}

export interface Verified {
  readonly text: string
  readonly ok: boolean
}

export const verifyLog = (text: string, name: string): Verified => {
  const read = readLog(text)
  if (E.isLeft(read)) throw new UsageError(read.left.map((i) => formatLineIssue(name, i)))
  const positions = positionsByLine(text)
  const events: ReadonlyArray<StoredEvent & { readonly position: bigint }> = read.right.map((e) => ({
    ...e,
    position: positions.get(e.seq)!,
  }))
  const lines: string[] = []
  const counts = new Map<string, number>()
  let ok = true
  /** The publications read so far, each with the words that name it. */
  const earlier: Array<{ readonly seal?: PublicationData['seal']; readonly head: string }> = []
  for (const e of events) {
    if (e.type !== 'ResultPublished') continue
    const data = e.data as PublicationData
    const n = (counts.get(data.schemeId) ?? 0) + 1
    counts.set(data.schemeId, n)
    const form = sealFormOf(data)
    const head = `${data.schemeId} 第 ${n} 次发布（${codeLabel('ResultPublished.stage', data.stage)}，第 ${data.version} 版，截至北京时间 ${beijingTime(data.asOf)}，日志位置 ${data.position}）`
    const sealedBefore = strippedAfter(earlier, data)
    earlier.push({ ...(data.seal === undefined ? {} : { seal: data.seal }), head })
    if (sealedBefore !== undefined) {
      ok = false
      lines.push(
        `${head}：不一致 — 未记录哈希范围（早期发布方式），却在已按“${sealScopeLabel(SEAL_FORM)}”封存的发布（${sealedBefore.head}）之后：发布命令不会这样记录，日志可能被改动`
      )
      continue
    }
    const cut = BigInt(data.position)
    const check = checkPublication(
      events.filter((x) => x.position <= cut),
      data,
      events.filter((x) => x.seq < e.seq)
    )
    if (check._tag === 'Match') {
      lines.push(
        `${head}：一致  sha256 ${data.sha256}${form === 'whole' ? `\n  哈希范围：${sealScopeLabel(undefined)}` : ''}`
      )
      continue
    }
    ok = false
    if (check._tag === 'Unscorable') {
      lines.push(`${head}：不一致 — 无法重新计算（${describeReplayError(check.error)}）`)
      continue
    }
    const where = check.difference
      ? describeDifference(check.difference)
      : data.digests
        ? '各分项摘要相同，但整体哈希不同'
        : '该发布未记录分项摘要，无法定位到单位'
    lines.push(
      `${head}：不一致 — 首个不同：${where}\n  发布时记录 sha256 ${data.sha256}\n  重新计算得 sha256 ${check.sealed.sha256}${
        // A publication from before the substance seal hashed the engine's explanations too: a later release
        // that words one differently fails it though no figure moved (docs/assessment-cycle.md).
        form === 'whole'
          ? `\n  注：该次发布的哈希范围为“${sealScopeLabel(undefined)}”；仅计分说明措辞不同也会不一致，请用发布时的 kaoping 版本核验`
          : ''
      }`
    )
  }
  if (counts.size === 0) lines.push(`${name} 中没有发布的考核结果（ResultPublished），无可核验`)
  else
    lines.push(
      ok
        ? `全部 ${[...counts.values()].reduce((a, b) => a + b, 0)} 次发布均与事件一致`
        : '核验未通过：发布的结果与导出的事件不一致'
    )
  return { text: `${lines.join('\n')}\n`, ok }
}

export const verify = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(VERIFY, argv)
  let text: string
  try {
    text = readFileSync(values.events, 'utf8')
  } catch (e) {
    throw new UsageError([describeFileError(e, values.events)])
  }
  const verified = verifyLog(text, basename(values.events))
  if (!verified.ok) process.exitCode = 1
  return verified.text
}
