/**
 * @module A guard against hostile nesting: a parsed value deeper than any codec needs is refused before it is
 * decoded or described (describing a 6,000-deep value overflowed the stack). Iterative, so it cannot overflow.
 */

/** Deeper than any event or scheme (a scheme's metric inside a rule inside the scheme is < 12). */
export const MAX_DEPTH = 32

/** The first path deeper than `max`, or undefined when the value is shallow enough. */
export const tooDeep = (value: unknown, max = MAX_DEPTH): string | undefined => {
  const stack: Array<readonly [unknown, number, string]> = [[value, 0, '']]
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return path
    for (const [k, child] of Object.entries(v)) stack.push([child, depth + 1, path ? `${path}.${k}` : k])
  }
  return undefined
}

export const tooDeepMessage = (max = MAX_DEPTH) => `嵌套层级超过 ${max} 层，拒绝处理`
