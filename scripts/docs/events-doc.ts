/**
 * @module docs/events.md, generated from the event catalog (`pnpm docs:events`): every type with its Chinese
 * label, authority and the roles that may append it, its stream and business id, and its fields. A test keeps
 * the file equal to what the catalog gives, so the document cannot drift from the code.
 */
import { AUTHORITY_LABELS, CATALOG, EVENT_TYPES, ROLE_LABELS, rolesFor } from '@kaoping/core'

const STREAMS = {
  registry: '`units`',
  scheme: '`scheme-{schemeId}`',
  case: '`case-{caseId}`',
  unit: '`unit-{unitId}`',
  correction: '`unit-{unitId}`（目标为案件事件时：该案件的流）',
} as const

export const eventsDoc = (): string => {
  const rows = EVENT_TYPES.map((type) => {
    const entry = CATALOG[type] as (typeof CATALOG)[typeof type] & { businessId?: string }
    const { required, optional } = entry.codec.shape
    const fields = [
      ...Object.keys(required).map((f) => `\`${f}\``),
      ...Object.keys(optional).map((f) => `\`${f}\`?`),
    ].join(', ')
    const roles = rolesFor(type)
      .map((r) => ROLE_LABELS[r])
      .join('、')
    return `| \`${type}\` | ${entry.label} | ${AUTHORITY_LABELS[entry.authority]}（${roles}） | ${STREAMS[entry.scope]} | ${entry.businessId ? `\`${entry.businessId}\`` : '—'} | ${fields} |`
  })
  return [
    '# Events (generated from the catalog — do not edit; run `pnpm docs:events`)',
    '',
    'Every fact kaoping records, as `packages/core/src/events/catalog.ts` declares it. **Authority** says who may',
    'append the type (SPEC §3 "Authority"; checked in one place, `packages/core/src/authority/authorize.ts`, on',
    'every way in). A retraction (`EventRetracted`) is allowed to whoever may append its target’s type for the',
    'target’s unit, and a reporter may retract only what a reporter of its own unit recorded. `ResultPublished`',
    'is recorded only by the publish command, which computes the Result it seals. Fields marked `?` are optional;',
    'every unit fact may also carry `countsOn` (计入日期) and `evidence` (佐证材料).',
    '',
    '| type | 中文 | authority (roles) | stream | business id | data fields |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}
