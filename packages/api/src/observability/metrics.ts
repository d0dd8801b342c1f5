/**
 * @module Prometheus metrics (prom-client), one registry per app so tests and several apps in one process
 * never share counters. Routes are labelled by their pattern (`/v1/schemes/:schemeId/ranking`), not the path.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export interface Metrics {
  readonly registry: Registry
  readonly requests: Counter<'method' | 'route' | 'status'>
  readonly latency: Histogram<'method' | 'route'>
  readonly appended: Counter
}

export const createMetrics = (lag: {
  readonly position: () => bigint
  readonly head: () => Promise<bigint>
}): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kaoping_' })
  const requests = new Counter({
    name: 'kaoping_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'kaoping_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  const appended = new Counter({
    name: 'kaoping_events_appended_total',
    help: 'Events appended through the API (acknowledged repeats not counted)',
    registers: [registry],
  })
  new Gauge({
    name: 'kaoping_projection_position',
    help: 'Log position the read models include',
    registers: [registry],
    collect() {
      this.set(Number(lag.position()))
    },
  })
  new Gauge({
    name: 'kaoping_projection_lag_events',
    help: 'Log positions stored but not yet in the read models',
    registers: [registry],
    async collect() {
      const head = await lag.head()
      const position = lag.position()
      this.set(Number(head > position ? head - position : 0n))
    },
  })
  return { registry, requests, latency, appended }
}
