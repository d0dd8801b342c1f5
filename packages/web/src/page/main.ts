/**
 * @module The page: login, then the view the hash names, among those of the logged-in role. Each role lands on its
 * main view — a reporter on its own unit, the 考核组 on its queue, the city and the auditors on the ranking.
 */
import { ApiError, token } from './client'
import { h, mount } from './dom'
import { forgetMe, loadMe, type Me, type Role } from './me'
import { current, go, hrefOf, type View } from './route'
import { casesView } from './views/cases'
import { cycleView } from './views/cycle'
import { diffView } from './views/diff'
import { judgeView } from './views/judge'
import { loginView } from './views/login'
import { rankingView } from './views/ranking'
import { reportView } from './views/report'
import { reviewView } from './views/review'
import { selfView } from './views/self'
import { trendView } from './views/trend'
import { unitView } from './views/unit'

const app = document.getElementById('app')!
const nav = document.getElementById('nav')!

/** Each role's views, in the order of its menu; the first is where it lands. */
const MENU: Readonly<Record<Role, ReadonlyArray<readonly [View, string]>>> = {
  admin: [
    ['ranking', '排名'],
    ['cycle', '考核流程'],
    ['review', '审核'],
    ['judge', '评议打分'],
    ['trend', '趋势'],
    ['diff', '差异'],
  ],
  reviewer: [
    ['review', '审核'],
    ['judge', '评议打分'],
    ['ranking', '排名'],
    ['trend', '趋势'],
  ],
  auditor: [
    ['ranking', '排名'],
    ['trend', '趋势'],
    ['diff', '差异'],
    ['cycle', '考核结果发布'],
  ],
  reporter: [
    ['unit', '本单位得分'],
    ['report', '填报'],
    ['cases', '案件'],
    ['self', '自评与申诉'],
  ],
}

const VIEWS: Readonly<Record<View, (params: URLSearchParams, me: Me) => Promise<Node>>> = {
  ranking: rankingView,
  unit: unitView,
  diff: diffView,
  trend: trendView,
  report: reportView,
  cases: casesView,
  self: selfView,
  review: reviewView,
  judge: judgeView,
  cycle: cycleView,
}

const menu = (me: Me, view: View) =>
  h(
    'ul',
    { class: 'menu' },
    MENU[me.role].map(([v, label]) =>
      h('li', {}, h('a', { href: hrefOf(v), 'aria-current': v === view ? 'page' : undefined }, label))
    )
  )

let rendering = 0
const render = async (): Promise<void> => {
  const mine = ++rendering
  if (!token.get()) {
    mount(nav)
    mount(
      app,
      loginView(() => void render())
    )
    return
  }
  try {
    const me = await loadMe()
    const { view: asked, params } = current()
    const allowed = MENU[me.role].map(([v]) => v)
    // A unit page is reachable from the ranking for everyone who may read it; a reporter's is its own.
    const view = asked && (allowed.includes(asked) || asked === 'unit') ? asked : allowed[0]!
    mount(
      nav,
      h('nav', { 'aria-label': '主菜单' }, menu(me, view)),
      h(
        'span',
        { class: 'who' },
        `${me.name} · ${me.roleLabel}`,
        h(
          'button',
          {
            type: 'button',
            id: 'logout',
            onclick: () => {
              token.clear()
              forgetMe()
              location.hash = ''
              void render()
            },
          },
          '退出'
        )
      )
    )
    app.setAttribute('aria-busy', 'true')
    const node = await VIEWS[view](params, me)
    if (mine !== rendering) return
    mount(app, node)
    app.removeAttribute('aria-busy')
    app.dataset.view = view
    document.title = `${(node as HTMLElement).dataset?.title ?? '考评'} · 法治人社建设目标考核`
  } catch (e) {
    if (mine !== rendering) return
    app.removeAttribute('aria-busy')
    if (e instanceof ApiError && e.status === 401) {
      token.clear()
      forgetMe()
      return render()
    }
    mount(app, h('p', { class: 'error', id: 'error', role: 'alert' }, (e as Error).message))
  }
}

window.addEventListener('hashchange', () => void render())
void render()

export { go }
