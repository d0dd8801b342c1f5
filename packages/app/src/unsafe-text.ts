/**
 * @module New text is text a person can be shown as stored (core `primitives/text.ts`): every string in an event's
 * data, at any depth, is checked where events come in — not by the event codecs, which also read events already
 * stored (tightening them would stop the projection at an old event that passed then).
 */
import { type Issue, unsafeCharacter } from '@kaoping/core'

export const unsafeTextIssues = (data: unknown, path: string): Issue[] => {
  if (typeof data === 'string') {
    const c = unsafeCharacter(data)
    return c === undefined
      ? []
      : [
          {
            path,
            message: `文本含有不能显示或会改变显示顺序的字符 ${c}（控制字符、双向文字控制符或不成对的代理项），请删除后重新提交`,
          },
        ]
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => unsafeTextIssues(v, `${path}.${i}`))
  if (typeof data === 'object' && data !== null)
    return Object.entries(data).flatMap(([k, v]) => unsafeTextIssues(v, `${path}.${k}`))
  return []
}
