/**
 * @module New text is text a person can be shown as stored (core `primitives/text.ts`): every string in an event's
 * data, at any depth, keys included, is checked where events come in — not by the event codecs, which also read
 * events already stored (tightening them would stop the projection at an old event that passed then).
 */
import { type Issue, unsafeCharacter } from '@kaoping/core'

const issue = (path: string, c: string): Issue => ({
  path,
  message: `含有无法显示的隐藏字符 ${c}（控制字符或改变文字方向的字符），请删除后重新提交`,
})

export const unsafeTextIssues = (data: unknown, path: string): Issue[] => {
  if (typeof data === 'string') {
    const c = unsafeCharacter(data)
    return c === undefined ? [] : [issue(path, c)]
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => unsafeTextIssues(v, `${path}.${i}`))
  if (typeof data === 'object' && data !== null)
    return Object.entries(data).flatMap(([k, v]) => {
      const c = unsafeCharacter(k)
      return c === undefined ? unsafeTextIssues(v, `${path}.${k}`) : [issue(`${path}.${k}`, c)]
    })
  return []
}
