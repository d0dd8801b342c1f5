/**
 * @module Who records what in the demo city (SPEC §3 "Authority"): the city bureau (admin), the 考核组
 * (reviewer) and each unit's reporter (`reporter.ts`). The actor string is `名称 (role)` or `名称 (reporter@unitId)`.
 */

/** The city bureau's 政策法规科: registry, schemes, 通报, 否决, 表彰, adjustments. */
export const ADMIN = '市人社局法规科 (admin)'

/** The 考核组: case-file reviews, verification of unit facts, judged indicators. */
export const REVIEWER = '市法治人社建设考核组 (reviewer)'
