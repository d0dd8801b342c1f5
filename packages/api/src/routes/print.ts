/**
 * @module The printable 通报 of a publication (SPEC §8 step 7): `/print/schemes/{id}/publications/{n}` — an A4 HTML
 * page with no script: the ranking with grades, every 计0分 / 一票否决 with its reason and events, every upheld
 * appeal decided by then, and the hash to verify it with. Bearer token as for the API (every role may read a
 * publication); the web page fetches it and prints it, or `curl … > 通报.html`.
 */
import { frozenPublication, upheldAt } from '@kaoping/app'
import { beijingTime, CATALOG, isEventType, strict } from '@kaoping/core'
import { codeLabel, sealScopeLabel } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow, authenticate } from '../auth/guard'
import type { TokenBook } from '../auth/tokens'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositiveIntQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'

const Param = strict({ schemeId: t.string, n: PositiveIntQuery }, {}, 'PrintParam')

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  )
const RULE_KIND = { veto: '一票否决', zero: '计0分', gradeCap: '不得评为优秀' } as const

const CSS = `@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif CJK SC", "SimSun", serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
p.meta { text-align: center; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; }
th { background: #eee; }
tr { page-break-inside: avoid; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: monospace; font-size: 9pt; word-break: break-all; }
.mark { font-weight: bold; }
@media screen { body { max-width: 180mm; margin: 10mm auto; } }`

export const printRoutes = (deps: RouteDeps, tokens: TokenBook) =>
  new Hono<AppEnv>().get(
    '/print/schemes/:schemeId/publications/:n',
    authenticate(tokens),
    allow('admin', 'auditor', 'reviewer', 'reporter'),
    validate('param', Param),
    async (c) => {
      const { schemeId, n } = c.req.valid('param')
      const frozen = await frozenPublication(deps.store, schemeId, n)
      if (E.isLeft(frozen)) throw new ApiFailure(frozen.left)
      const { publication: p, result, scheme } = frozen.right
      const upheld = await upheldAt(deps.store, schemeId, BigInt(p.position))
      const ruleName = new Map<string, string>(scheme.rules?.map((r) => [r.id, r.name]) ?? [])
      const fired = result.units.flatMap((u) => u.rulesFired.map((r) => ({ u, r })))
      const events = await deps.store.findEvents([...new Set(fired.flatMap((f) => f.r.events))])
      const indicatorName = new Map<string, string>(
        [...scheme.categories.flatMap((x) => x.indicators), ...(scheme.bonus?.indicators ?? [])].map((i) => [
          i.id,
          i.name,
        ])
      )
      const unitName = new Map<string, string>(result.units.map((u) => [u.unitId, u.name]))
      const describe = (id: string) => {
        const e = events.get(id)
        if (!e) return esc(id)
        const d = e.data as { occurredOn?: string; reason?: string; description?: string; kind?: string }
        const label = isEventType(e.type) ? CATALOG[e.type].label : e.type
        // A 通报's reason and an incident's kind are codes: shown by their Chinese labels (a free text as is).
        const why =
          d.description ??
          (d.reason !== undefined ? codeLabel(`${e.type}.reason`, d.reason) : undefined) ??
          (d.kind !== undefined ? codeLabel(`${e.type}.kind`, d.kind) : undefined)
        return `${esc(label)} ${esc(d.occurredOn ?? '')}${why ? `：${esc(why)}` : ''}`
      }
      const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(scheme.title)} ${codeLabel('ResultPublished.stage', p.stage)}</title>
<style>${CSS}</style></head><body>
<h1>${esc(scheme.title)}<br>考核结果${codeLabel('ResultPublished.stage', p.stage)}</h1>
<p class="meta">${p.docNumber ? `${esc(p.docNumber)}　` : ''}第 ${p.n} 次发布　考核办法第 ${p.version} 版　数据截至 ${beijingTime(p.asOf)}（北京时间）${
        p.appealUntil ? `　申诉截止 ${esc(p.appealUntil)}` : ''
      }</p>
<h2>一、考核排名</h2>
<table><thead><tr><th>名次</th><th>单位</th><th>总分</th><th>等次</th><th>说明</th></tr></thead><tbody>
${result.units
  .map(
    (u) =>
      `<tr><td class="n">${u.rank}</td><td>${esc(u.name)}</td><td class="n">${esc(u.total)}</td><td>${esc(u.grade)}</td><td class="mark">${[
        u.vetoed ? '一票否决' : '',
        u.zeroed ? '计0分' : '',
      ]
        .filter(Boolean)
        .join('、')}</td></tr>`
  )
  .join('\n')}
</tbody></table>
<h2>二、计0分与一票否决</h2>
${
  fired.length === 0
    ? '<p>无。</p>'
    : `<table><thead><tr><th>单位</th><th>处理</th><th>依据</th><th>事实</th></tr></thead><tbody>
${fired
  .map(
    ({ u, r }) =>
      `<tr><td>${esc(u.name)}</td><td class="mark">${RULE_KIND[r.kind] ?? esc(r.kind)}</td><td>${esc(ruleName.get(r.id) ?? r.id)}</td><td>${r.events.map(describe).join('<br>')}</td></tr>`
  )
  .join('\n')}
</tbody></table>`
}
<h2>三、申诉复核（支持或部分支持）</h2>
${
  upheld.length === 0
    ? '<p>无。</p>'
    : `<table><thead><tr><th>单位</th><th>申诉事项</th><th>申诉理由</th><th>复核决定</th><th>调整分值</th></tr></thead><tbody>
${upheld
  .map(
    (a) =>
      `<tr><td>${esc(unitName.get(a.unitId) ?? a.unitId)}</td><td>${a.indicatorId ? esc(`${a.indicatorId} ${indicatorName.get(a.indicatorId) ?? ''}`) : '整体结果'}</td><td>${esc(a.reason)}</td><td>${codeLabel('AppealDecided.decision', a.status)}：${esc(a.decision?.reason ?? '')}</td><td class="n">${esc(a.adjustment ?? '—')}</td></tr>`
  )
  .join('\n')}
</tbody></table>`
}
<h2>四、核验</h2>
<p>本结果为按发布时已记录的事件（日志位置 ${esc(p.position)} 及以前）计算的完整结果。哈希范围：${esc(sealScopeLabel(p.seal))}；其规范 JSON 的 SHA-256 为：<br><code>${esc(p.sha256)}</code></p>
<p>任何人可用导出的事件日志离线核验：<code>kaoping verify --events 导出文件.ndjson</code>；接口 <code>GET /v1/schemes/${esc(schemeId)}/publications/${p.n}?form=sealed</code> 返回的内容即为被哈希的字节。</p>
</body></html>`
      return c.html(html, 200, {
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
      })
    }
  )
