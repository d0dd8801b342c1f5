/** @module Login: a bearer token, checked against the API before it is kept. */
import { ApiError, getJson, token } from '../client'
import { h } from '../dom'

export const loginView = (onDone: () => void) => {
  const input = h('input', {
    type: 'password',
    name: 'token',
    id: 'token',
    placeholder: '粘贴令牌',
    size: 40,
    autocomplete: 'off',
  }) as HTMLInputElement
  const error = h('p', { class: 'error', hidden: true })
  const form = h(
    'form',
    {
      class: 'bar',
      id: 'login',
      onsubmit: async (e: Event) => {
        e.preventDefault()
        try {
          await getJson('/v1/units', input.value.trim())
          token.set(input.value.trim())
          onDone()
        } catch (err) {
          error.hidden = false
          error.textContent =
            err instanceof ApiError && err.status === 401
              ? '令牌无效，请检查后重试'
              : String((err as Error).message)
        }
      },
    },
    h('label', { for: 'token' }, '身份令牌', input),
    h('button', { type: 'submit' }, '登录')
  )
  return h(
    'section',
    {},
    h('h2', {}, '登录'),
    form,
    error,
    h('p', { class: 'muted' }, '令牌由市局管理员发放；启动服务时会打印示范管理员令牌。')
  )
}
