/**
 * @module Evidence on append (SPEC §9): every file a fact names in `evidence: [{ sha256, name }]` must already be
 * stored (else 422, `data.evidence.0.sha256: 佐证材料 … 不存在，请先上传`), and the facts' units are noted as
 * referencing those files — the reporter read rule of `GET /v1/evidence/{sha256}` ("a reporter of a unit whose
 * fact references it") is answered from that small index, kept by the evidence store itself (a table beside its
 * files in SQLite, marker files in the shared directory), so every API node sees it without scanning the log.
 *
 * A reporter cites only files its unit holds: uploaded by its unit (the upload notes the reference), brought with
 * its file import, or already cited by its unit's facts. Otherwise a reporter that learned another unit's file's
 * hash could cite it — and then download it under the read rule. The answer is the same as for a file never
 * uploaded, so it tells nothing about other units' files.
 *
 * The references are noted once the whole batch has passed every check, just before it is stored. If the store
 * then fails (a crash, a concurrent writer), the note remains without its fact: it gives the unit's reporter
 * nothing it could not get by retrying the same, already-accepted batch; the other order could lose the note of a
 * stored fact and refuse a reporter its own file.
 */
import type { Issue } from '@kaoping/core'
import type { EvidenceReference, EvidenceStore } from '@kaoping/store'

interface WithEvidence {
  readonly unitId?: string
  readonly evidence?: ReadonlyArray<{ readonly sha256: string; readonly name: string }>
}

/** Issues are placed at `{index}.data.evidence.{j}.sha256`: the caller prefixes its own path (`events.`, a line). */
export interface EvidenceIssue extends Issue {
  readonly index: number
}

const referencesOf = (events: ReadonlyArray<{ readonly data: unknown }>) =>
  events.flatMap((e, index) => {
    const { unitId, evidence } = e.data as WithEvidence
    return (evidence ?? []).map((ref, j) => ({ index, j, ref, unitId }))
  })

/** The missing files, each at its place; none missing: the references are noted. */
export const checkEvidence = async (
  evidence: EvidenceStore,
  events: ReadonlyArray<{ readonly data: unknown }>,
  /** A reporter's unit: only files it holds may be cited. Undefined for the 考核组 and the city. */
  reporterOf?: string
): Promise<EvidenceIssue[]> => {
  const refs = referencesOf(events)
  if (refs.length === 0) return []
  const hashes = [...new Set(refs.map((r) => r.ref.sha256))]
  const stored = await evidence.has(hashes)
  const held =
    reporterOf === undefined
      ? stored
      : new Set(
          (
            await Promise.all(
              hashes.map(async (h) =>
                stored.has(h) && (await evidence.isReferencedBy(h, reporterOf)) ? [h] : []
              )
            )
          ).flat()
        )
  const missing = refs.flatMap(({ index, j, ref }) =>
    held.has(ref.sha256)
      ? []
      : [
          {
            index,
            path: `data.evidence.${j}.sha256`,
            message:
              reporterOf === undefined
                ? `佐证材料 ${ref.name}（${ref.sha256}）不存在，请先上传（POST /v1/evidence）`
                : `佐证材料 ${ref.name}（${ref.sha256}）不是本单位上传的文件或不存在，请先上传（POST /v1/evidence）`,
          },
        ]
  )
  if (missing.length > 0) return missing
  await evidence.addReferences(
    refs.flatMap(({ ref, unitId }): EvidenceReference[] => (unitId ? [{ sha256: ref.sha256, unitId }] : []))
  )
  return []
}
