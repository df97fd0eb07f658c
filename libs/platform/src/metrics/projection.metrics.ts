import type { Counter, Gauge } from 'prom-client';
import type { MetricsService } from './metrics.service';

/** The states a projection can be in (mirrors the projection runner's status). */
export const PROJECTION_STATES = ['running', 'rebuilding', 'stopped', 'standby'] as const;

/** Projection gauges and counters beside the read-model lag ones. */
export interface ProjectionMetrics {
  /** `projection_state{projection,state}`: 1 for the projection's current state, 0 for the others. */
  readonly state: Gauge<'projection' | 'state'>;
  /** `projection_errors_total{projection}`: failed batches (retried, or ending at a poisoned event). */
  readonly errors: Counter<'projection'>;
}

/** Registers (once) the projection metrics. */
export function projectionMetrics(metrics: MetricsService): ProjectionMetrics {
  return {
    state: metrics.gauge('projection_state', 'Current state of each projection (1 = in that state)', ['projection', 'state']),
    errors: metrics.counter('projection_errors_total', 'Projection batches that failed', ['projection']),
  };
}
