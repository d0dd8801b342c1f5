/**
 * @module Upload of a filled template (XLSX) or a CSV file: all of it is stored, or nothing and every problem
 * with its sheet, row and column.
 */
import { download, token } from '../client'
import { h } from '../dom'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The outcome of the last upload, shown by the form the page re-renders with. */
let flash: string | undefined

export const uploadForm = (onDone: () => void) => {
  const input = h('input', {
    type: 'file',
    name: 'file',
    id: 'upload-file',
    accept: '.xlsx,.csv',
  }) as HTMLInputElement
  const out = h('div', { id: 'upload-result' }, flash ? h('p', { class: 'muted' }, flash) : null)
  flash = undefined
  const send = async (e: Event) => {
    e.preventDefault()
    const file = input.files?.[0]
    if (!file) return
    const res = await fetch('/v1/imports', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token.get()}`,
        'Content-Type': /\.csv$/i.test(file.name) ? 'text/csv' : XLSX,
      },
      body: file,
    })
    const body = (await res.json()) as {
      events?: unknown[]
      duplicate?: boolean
      error?: { message: string; issues: Array<{ message: string }> }
    }
    if (res.ok) {
      flash = body.duplicate
        ? '这些事件均已导入过，未重复写入。'
        : `已导入 ${body.events?.length ?? 0} 条事件。`
      out.replaceChildren(h('p', { class: 'muted' }, flash))
      onDone()
    } else
      out.replaceChildren(
        h('p', { class: 'error' }, `${body.error?.message ?? '导入失败'}（文件未写入）`),
        h(
          'ul',
          {},
          (body.error?.issues ?? []).map((i) => h('li', {}, i.message))
        )
      )
  }
  return h(
    'form',
    { class: 'bar', id: 'upload', onsubmit: send },
    h('label', { for: 'upload-file' }, '上传事件表格（按模板填写的 XLSX 或 CSV）', input),
    h('button', { type: 'submit' }, '上传'),
    h(
      'button',
      {
        type: 'button',
        id: 'template-download',
        onclick: () => download('/v1/template', '事件导入模板.xlsx'),
      },
      '下载导入模板'
    ),
    out
  )
}
