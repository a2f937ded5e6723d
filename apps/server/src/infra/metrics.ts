import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, served on GET /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    inboundMessages: new Counter({
      name: 'parley_inbound_messages_total',
      help: 'Inbound messages accepted, by channel type and outcome',
      labelNames: ['channel_type', 'outcome'] as const,
      registers: [registry],
    }),
    jobsProcessed: new Counter({
      name: 'parley_jobs_processed_total',
      help: 'Durable jobs finished by this process, by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
    jobsWaiting: new Gauge({
      name: 'parley_jobs',
      help: 'Durable jobs in the database by queue and status (sampled at scrape time)',
      labelNames: ['queue', 'status'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
