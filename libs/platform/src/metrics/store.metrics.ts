import type { Gauge, Histogram } from 'prom-client';
import type { MetricsService } from './metrics.service';

// Fast appends are sub-millisecond on SQLite; a slow PostgreSQL or EventStoreDB round trip is ~100 ms.
const APPEND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** `event_store_append_duration_seconds{store}`: time one append (with its concurrency check) takes. */
export function eventStoreAppendDuration(metrics: MetricsService): Histogram<'store'> {
  return metrics.histogram(
    'event_store_append_duration_seconds',
    'Event store append duration in seconds',
    ['store'],
    APPEND_BUCKETS,
  );
}

/** Read-model lag gauges: events behind the log head and age of the newest unprojected event. */
export interface ReadModelLagMetrics {
  readonly events: Gauge<'projection'>;
  readonly seconds: Gauge<'projection'>;
}

/** `read_model_lag_events{projection}` and `read_model_lag_seconds{projection}`. */
export function readModelLag(metrics: MetricsService): ReadModelLagMetrics {
  return {
    events: metrics.gauge('read_model_lag_events', 'Events in the log not yet applied by the projection', [
      'projection',
    ]),
    seconds: metrics.gauge('read_model_lag_seconds', 'Age in seconds of the oldest event not yet projected', [
      'projection',
    ]),
  };
}
