/**
 * @module `kaoping import FILE.ndjson|FILE.xlsx|FILE.csv [--db PATH] [--role ROLE --unit UNIT --name NAME] [--evidence DIR]`:
 * loads an event file into the store, all of it or nothing, as the given role (admin by default) through the
 * same authority check as the API. An admin's NDJSON import is a trusted re-load (ids, recording times and
 * actors kept); a spreadsheet is new input, appended now through the same checks as any append. `--evidence DIR`
 * (as `kaoping export --evidence` writes it) loads the evidence files before the events.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { describeCommandError, importLog, importRows } from '@kaoping/app'
import { formatLineIssue, type Principal, Role } from '@kaoping/core'
import { formatSheetIssue, placeIssues, readEventCsv, readEventWorkbook } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { loadEvidence } from '../lib/evidence-files'
import { openStore } from '../lib/open-store'

export const IMPORT_USAGE =
  '用法：kaoping import 文件.ndjson|文件.xlsx|文件.csv [--db data/kaoping.db] [--role admin|reporter|reviewer --unit 单位 --name 姓名] [--evidence 目录]'

/** Who the import acts as: the city's administrator unless said otherwise; a reporter must name its unit. */
const principalOf = (values: {
  role?: string | undefined
  unit?: string | undefined
  name?: string | undefined
}): Principal => {
  const role = values.role ?? 'admin'
  if (!Role.is(role) || role === 'auditor')
    throw new UsageError([`--role 应为 admin、reporter 或 reviewer，实际为 ${role}`, IMPORT_USAGE])
  if (role === 'reporter' && values.unit === undefined)
    throw new UsageError(['--role reporter 须用 --unit 指定填报单位', IMPORT_USAGE])
  if (role !== 'reporter' && values.unit !== undefined)
    throw new UsageError(['只有 --role reporter 可以指定 --unit', IMPORT_USAGE])
  return { role, ...(values.unit === undefined ? {} : { unitId: values.unit }), name: values.name ?? 'cli' }
}

export const importCommand = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values, positionals } = parse(
    argv,
    {
      db: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      evidence: { type: 'string' },
    },
    IMPORT_USAGE,
    true
  )
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new UsageError(['请指定一个事件文件', IMPORT_USAGE])
  const principal = principalOf(values)
  if (/\.(xlsx|csv)$/i.test(file)) return importSheet(file, values.db, principal, values.evidence)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new UsageError([
      `无法读取事件文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    ])
  }
  const store = openStore(values.db)
  const evidence = await loadEvidence(values.db, values.evidence, reporterUnit(principal)).catch(
    async (e) => {
      await store.close()
      throw e
    }
  )
  try {
    const result = await importLog(store, text, principal, { evidence: evidence.store })
    if (E.isLeft(result)) {
      const err = result.left
      throw new UsageError(
        err._tag === 'BadLines' || err._tag === 'NotAllowed'
          ? err.issues.map((i) => formatLineIssue(basename(file), i))
          : [describeCommandError(err)]
      )
    }
    return `${loadedLine(evidence.loaded)}已导入 ${result.right.imported} 条事件，跳过已存在的 ${result.right.skipped} 条\n`
  } finally {
    await evidence.store.close()
    await store.close()
  }
}

const reporterUnit = (p: Principal) => (p.role === 'reporter' ? p.unitId : undefined)

const loadedLine = (n: number) => (n > 0 ? `已导入 ${n} 个佐证材料\n` : '')

const importSheet = async (
  file: string,
  db: string | undefined,
  principal: Principal,
  evidenceDir: string | undefined
): Promise<string> => {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (e) {
    throw new UsageError([
      `无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    ])
  }
  const store = openStore(db)
  // Files first: the 佐证材料 column names files of the --evidence folder.
  const evidence = await loadEvidence(db, evidenceDir, reporterUnit(principal)).catch(async (e) => {
    await store.close()
    throw e
  })
  try {
    const read = /\.csv$/i.test(file)
      ? readEventCsv(bytes.toString('utf8'), evidence.byName)
      : await readEventWorkbook(bytes, evidence.byName)
    if (E.isLeft(read)) throw new UsageError(read.left.map((i) => `${basename(file)} ${formatSheetIssue(i)}`))
    if (read.right.length === 0) throw new UsageError([`${basename(file)} 中没有任何事件`])
    const r = await importRows(
      store,
      read.right.map((e) => e.envelope),
      { principal, newId: randomUUID, evidence: evidence.store }
    )
    if (E.isLeft(r))
      throw new UsageError(
        r.left._tag === 'Rejected' || r.left._tag === 'NotAllowed'
          ? placeIssues(r.left.issues, read.right).map((i) => `${basename(file)} ${formatSheetIssue(i)}`)
          : [describeCommandError(r.left)]
      )
    return (
      loadedLine(evidence.loaded) +
      (r.right.imported === 0
        ? `${read.right.length} 条事件均已存在，未重复写入\n`
        : `已导入 ${r.right.imported} 条事件${r.right.skipped > 0 ? `，跳过已存在的 ${r.right.skipped} 条` : ''}\n`)
    )
  } finally {
    await evidence.store.close()
    await store.close()
  }
}
