/** @module The totals as a bar chart (ECharts, bundled with the page — no CDN). */
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { h } from '../dom'
import type { Result } from '../types'

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer])

export const totalsChart = (result: Result) => {
  const el = h('div', { id: 'chart' })
  // Drawn once the element is in the page and has a size.
  requestAnimationFrame(() => {
    const chart = echarts.init(el)
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: result.units.map((u) => u.name),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: 'value', min: 0 },
      series: [
        {
          type: 'bar',
          data: result.units.map((u) => ({
            value: Number(u.total),
            itemStyle: { color: u.zeroed || u.vetoed ? '#b42318' : '#2f6fbd' },
          })),
          label: { show: true, position: 'top' },
        },
      ],
    })
  })
  return el
}
