/**
 * @module Where a JSON text goes wrong, said in Chinese with line and column. V8's messages are English and some
 * carry no position (`Unexpected token ']', "[1,]" is not valid JSON`), so the place is found by parsing prefixes:
 * the shortest prefix that fails for a reason other than "it ends too early" ends at the offending character.
 */

export interface JsonProblem {
  readonly line: number
  readonly column: number
  /** What is wrong there, in Chinese, to follow the place: `不应出现“]”`. */
  readonly message: string
}

/** Parsing `prefix` fails at a character inside it (not merely because the text stops). */
const failsInside = (prefix: string): boolean => {
  try {
    JSON.parse(prefix)
    return false
  } catch (e) {
    const message = (e as Error).message
    if (/end of JSON input/.test(message)) return false
    const at = /at position (\d+)/.exec(message)
    return at ? Number(at[1]) < prefix.length : true
  }
}

const show = (ch: string): string =>
  /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch)
    ? `“${ch}”`
    : `字符 U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

const place = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: [...before.at(-1)!].length + 1 }
}

/** The first problem of a text that `JSON.parse` refuses, or undefined when it parses. */
export const findJsonProblem = (text: string): JsonProblem | undefined => {
  if (!failsInside(text)) {
    try {
      JSON.parse(text)
      return undefined
    } catch {
      const end = place(text, text.trimEnd().length)
      return { ...end, message: '意外结束，是否缺少 }、] 或 "？' }
    }
  }
  // Invariant: the prefix of length lo does not fail inside, the prefix of length hi does.
  let lo = 0
  let hi = text.length
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if (failsInside(text.slice(0, mid))) hi = mid
    else lo = mid
  }
  const ch = String.fromCodePoint(text.codePointAt(hi - 1)!)
  return { ...place(text, hi - 1), message: `不应出现${show(ch)}` }
}
