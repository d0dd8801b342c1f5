/** @module A tiny element builder: `h('td', { class: 'num' }, '9.00')`. */
type Child = Node | string | number | null | undefined | false
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>

export const h = (
  tag: string,
  attrs: Attrs = {},
  ...children: ReadonlyArray<Child | ReadonlyArray<Child>>
) => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v)
    else if (v === true) el.setAttribute(k, '')
    else el.setAttribute(k, String(v))
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue
    el.append(typeof c === 'object' ? c : String(c))
  }
  return el
}

export const mount = (root: HTMLElement, ...nodes: ReadonlyArray<Node>) => root.replaceChildren(...nodes)

/** Replaces an element's children, skipping the absent ones (`cond ? node : null`). */
export const fill = (el: Element, ...children: ReadonlyArray<Child>) =>
  el.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c))
  )
