/**
 * @module The page: login, then the view the hash names. A reporter (whose token cannot read the ranking)
 * lands on its own unit.
 */
import { ApiError, getJson, token } from './client'
import { h, mount } from './dom'
import { current, go } from './route'
import { diffView } from './views/diff'
import { loginView } from './views/login'
import { rankingView } from './views/ranking'
import { unitView } from './views/unit'

const app = document.getElementById('app')!
const nav = document.getElementById('nav')!

const render = async () => {
  if (!token.get()) {
    mount(nav)
    mount(
      app,
      loginView(() => void render())
    )
    return
  }
  mount(
    nav,
    h(
      'button',
      {
        type: 'button',
        id: 'logout',
        onclick: () => {
          token.clear()
          void render()
        },
      },
      '退出'
    )
  )
  const { view, params } = current()
  try {
    const node =
      view === 'unit'
        ? await unitView(params)
        : view === 'diff'
          ? await diffView(params)
          : await rankingView(params)
    mount(app, node)
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      token.clear()
      return render()
    }
    if (e instanceof ApiError && e.status === 403 && view === 'ranking') {
      // A reporter: straight to its own unit, under the first scheme for its kind of unit.
      const [{ units }, { schemes }] = await Promise.all([
        getJson<{ units: Array<{ unitId: string; kind: string }> }>('/v1/units'),
        getJson<{ schemes: Array<{ schemeId: string; appliesTo: string }> }>('/v1/schemes'),
      ])
      const own = units[0]
      const scheme = schemes.find((s) => s.appliesTo === own?.kind)
      if (own && scheme)
        return go('unit', { scheme: params.get('scheme') ?? scheme.schemeId, unit: own.unitId })
    }
    mount(app, h('p', { class: 'error', id: 'error' }, (e as Error).message))
  }
}

window.addEventListener('hashchange', () => void render())
void render()
