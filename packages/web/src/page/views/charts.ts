/** @module Charts (ECharts, bundled with the page — no CDN): totals as bars, a unit's categories as a radar, totals over months as lines. */
import { BarChart, LineChart, RadarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { h } from '../dom'

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
])

/** Charts drawn and still followed; one whose element left the page (a view re-rendered) is disposed. */
const live = new Set<{
  readonly el: HTMLElement
  readonly chart: echarts.ECharts
  readonly resize: () => void
}>()
const sweep = () => {
  for (const c of live)
    if (!c.el.isConnected) {
      c.chart.dispose()
      window.removeEventListener('resize', c.resize)
      live.delete(c)
    }
}

/** Draws once the element is in the page and has a size, and follows the window's width. */
export const chartBox = (id: string, label: string, option: () => object, cls = 'chart') => {
  const el = h('div', { id, class: cls, role: 'img', 'aria-label': label })
  requestAnimationFrame(() => {
    sweep()
    if (!el.isConnected) return
    const chart = echarts.init(el)
    chart.setOption({ animation: false, ...option() })
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    live.add({ el, chart, resize })
  })
  return el
}

export const barChart = (
  names: ReadonlyArray<string>,
  values: ReadonlyArray<number>,
  red: ReadonlyArray<boolean>
) =>
  chartBox('chart', '各单位总分柱状图', () => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', min: 0 },
    series: [
      {
        type: 'bar',
        data: values.map((value, i) => ({ value, itemStyle: { color: red[i] ? '#b42318' : '#2f6fbd' } })),
        label: { show: true, position: 'top' },
      },
    ],
  }))

export const radarChart = (
  id: string,
  label: string,
  axes: ReadonlyArray<{ name: string; max: number }>,
  series: ReadonlyArray<{ name: string; values: ReadonlyArray<number> }>
) =>
  chartBox(
    id,
    label,
    () => ({
      tooltip: {},
      legend: { bottom: 0 },
      radar: { indicator: axes.map((a) => ({ name: a.name, max: a.max })), radius: '62%' },
      series: [{ type: 'radar', data: series.map((s) => ({ name: s.name, value: [...s.values] })) }],
    }),
    'chart radar'
  )

export const lineChart = (
  id: string,
  label: string,
  xs: ReadonlyArray<string>,
  series: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>
) =>
  chartBox(
    id,
    label,
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 64 },
      xAxis: { type: 'category', data: xs, boundaryGap: false },
      yAxis: { type: 'value', min: 0, name: '总分' },
      series: series.map((s) => ({ type: 'line', name: s.name, data: [...s.values], connectNulls: true })),
    }),
    'chart wide'
  )
