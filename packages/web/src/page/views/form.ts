/**
 * @module A form generated from the catalog for one event type (labels, required marks, dropdowns with Chinese names,
 * date pickers), with evidence files uploaded first (`POST /v1/evidence`) and referenced by their sha256. The server
 * validates; each of its messages is placed on the field it names (`events.0.data.topic` → the 主题 field).
 */

import type { CatalogField, CatalogType } from '../catalog'
import { ApiError, appendEvents, type Envelope, type Issue, uploadEvidence, uuid } from '../client'
import { fill, h } from '../dom'

export interface FormOptions {
  readonly type: CatalogType
  readonly unitId: string
  /** Values to start from (a 更正 starts from the fact it corrects). */
  readonly initial?: Readonly<Record<string, unknown>>
  /** Events recorded with the fact, before it, in the same batch (the retraction of a 更正). */
  readonly before?: () => ReadonlyArray<Envelope>
  /** Extra controls shown above the button (a 更正's reason). */
  readonly extra?: ReadonlyArray<Node>
  /** Checked before anything is sent; a message stops the submission. */
  readonly precheck?: () => string | undefined
  readonly submitLabel?: string
  readonly onDone: (id: string) => void
}

/** Fields a person does not type: the unit is the reporter's own; lists have their own views (自评). */
const shownFields = (t: CatalogType) => t.fields.filter((f) => f.field !== 'unitId' && f.input !== 'list')

const control = (f: CatalogField, id: string, initial: unknown): HTMLElement => {
  const common = { id, name: f.field, 'aria-required': f.required ? 'true' : undefined }
  const str = initial === undefined || initial === null ? '' : String(initial)
  switch (f.input) {
    case 'choice':
      return h(
        'select',
        common,
        h('option', { value: '' }, f.required ? '请选择' : '（不填）'),
        (f.choices ?? []).map((c) => h('option', { value: c.code, selected: c.code === str }, c.label))
      )
    case 'boolean':
      return h(
        'select',
        common,
        h('option', { value: '' }, f.required ? '请选择' : '（不填）'),
        h('option', { value: 'true', selected: initial === true }, '是'),
        h('option', { value: 'false', selected: initial === false }, '否')
      )
    case 'date':
      return h('input', { ...common, type: 'date', value: str })
    case 'int':
      return h('input', { ...common, type: 'number', step: 1, inputmode: 'numeric', value: str })
    case 'number':
      return h('input', { ...common, type: 'number', step: 'any', inputmode: 'decimal', value: str })
    case 'evidence':
      return h('input', {
        ...common,
        type: 'file',
        multiple: true,
        accept: '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.ofd',
      })
    default:
      // An open vocabulary shows a known code by its name (read() turns it back).
      return h('input', {
        ...common,
        type: 'text',
        value: (f.open && f.choices?.find((c) => c.code === str)?.label) || str,
        list: f.open ? `${id}-known` : undefined,
      })
  }
}

/** An open vocabulary (文件类别, 通报原因 …) suggests its known values by name; another code may be typed. */
const knownValues = (f: CatalogField, id: string) =>
  f.open && f.choices
    ? h(
        'datalist',
        { id: `${id}-known` },
        f.choices.map((c) => h('option', { value: c.label }))
      )
    : null

const read = (f: CatalogField, el: HTMLInputElement | HTMLSelectElement): unknown => {
  const v = el.value.trim()
  if (v === '') return undefined
  if (f.input === 'boolean') return v === 'true'
  if (f.input === 'int' || f.input === 'number') return Number(v)
  // A known name is its code; anything else is taken as typed (a new code).
  if (f.open) return f.choices?.find((c) => c.label === v)?.code ?? v
  return v
}

export const eventForm = (o: FormOptions) => {
  const prefix = `f-${o.type.type}`
  const errors = new Map<string, HTMLElement>()
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>()
  const kept = (o.initial?.evidence as Array<{ sha256: string; name: string }> | undefined) ?? []
  const rows = shownFields(o.type).map((f) => {
    const id = `${prefix}-${f.field}`
    const err = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' })
    errors.set(f.field, err)
    const el = control(f, id, f.input === 'evidence' ? undefined : o.initial?.[f.field]) as
      | HTMLInputElement
      | HTMLSelectElement
    el.setAttribute('aria-describedby', `${id}-error`)
    controls.set(f.field, el)
    return h(
      'div',
      { class: `field${f.input === 'evidence' ? ' wide' : ''}`, 'data-field': f.field },
      h(
        'label',
        { for: id },
        f.label,
        f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
        f.required ? h('span', { class: 'sr-only' }, '（必填）') : null
      ),
      el,
      knownValues(f, id),
      f.input === 'evidence' && kept.length > 0
        ? h('span', { class: 'muted' }, `保留原有：${kept.map((e) => e.name).join('、')}`)
        : null,
      err
    )
  })
  const formError = h('div', { class: 'form-error', role: 'alert' })
  const done = h('p', { class: 'ok', role: 'status', hidden: true })
  const button = h(
    'button',
    { type: 'submit', class: 'primary' },
    o.submitLabel ?? '提交'
  ) as HTMLButtonElement

  const place = (issues: ReadonlyArray<Issue>, factIndex: number, fallback: string) => {
    const loose: string[] = []
    for (const i of issues) {
      const m = /^events\.(\d+)\.data\.([A-Za-z]+)/.exec(i.path)
      const err = m && Number(m[1]) === factIndex ? errors.get(m[2]!) : undefined
      if (err) {
        err.textContent = err.textContent ? `${err.textContent}；${i.message}` : i.message
        err.closest('.field')?.classList.add('invalid')
        controls.get(m![2]!)?.setAttribute('aria-invalid', 'true')
      } else loose.push(i.message)
    }
    fill(
      formError,
      h('p', { class: 'error' }, fallback),
      loose.length > 0
        ? h(
            'ul',
            {},
            loose.map((m) => h('li', {}, m))
          )
        : null
    )
  }

  const clear = () => {
    for (const [field, err] of errors) {
      err.textContent = ''
      err.closest('.field')?.classList.remove('invalid')
      controls.get(field)?.removeAttribute('aria-invalid')
    }
    fill(formError)
    done.hidden = true
  }

  let attempt: { readonly id: string; readonly before: ReadonlyArray<Envelope> } | undefined
  const submit = async (e: Event) => {
    e.preventDefault()
    clear()
    const stop = o.precheck?.()
    if (stop) {
      fill(formError, h('p', { class: 'error' }, stop))
      return
    }
    button.disabled = true
    try {
      const data: Record<string, unknown> = { unitId: o.unitId }
      for (const f of shownFields(o.type)) {
        const el = controls.get(f.field)!
        if (f.input === 'evidence') {
          const files = [...((el as HTMLInputElement).files ?? [])]
          const uploaded: Array<{ sha256: string; name: string }> = []
          for (const file of files) {
            try {
              uploaded.push(await uploadEvidence(file))
            } catch (err) {
              const msg = `${file.name}：${(err as Error).message}`
              place([{ path: 'events.0.data.evidence', message: msg }], 0, '佐证材料上传失败，未提交')
              return
            }
          }
          const all = [...kept, ...uploaded]
          if (all.length > 0) data.evidence = all
        } else {
          const v = read(f, el)
          if (v !== undefined) data[f.field] = v
        }
      }
      // The same ids until an attempt succeeds: a retry after a lost answer is acknowledged, not stored twice
      // (an attempt the server refused stored nothing, so its ids are free for the corrected one).
      attempt ??= { id: uuid(), before: (o.before?.() ?? []).map((e) => ({ ...e, id: uuid() })) }
      const { id, before } = attempt
      await appendEvents([...before, { id, type: o.type.type, data }])
      attempt = undefined
      done.hidden = false
      done.textContent = '已提交，等待考核组审核。'
      o.onDone(id)
    } catch (err) {
      if (err instanceof ApiError) place(err.issues, attempt?.before.length ?? 0, `${err.message}（未写入）`)
      else fill(formError, h('p', { class: 'error' }, String((err as Error).message)))
    } finally {
      button.disabled = false
    }
  }

  return h(
    'form',
    {
      class: 'event-form',
      id: `form-${o.type.type}`,
      novalidate: true,
      onsubmit: submit,
      'data-type': o.type.type,
    },
    h('div', { class: 'fields' }, rows),
    o.extra ?? [],
    formError,
    h('div', { class: 'actions' }, button, done)
  )
}

export { uuid }
