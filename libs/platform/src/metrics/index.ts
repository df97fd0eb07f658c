/** The per-application prom-client registry with HTTP metrics and get-or-create helpers. */
export { MetricsService, type MetricsOptions } from './metrics.service';
/** Helpers registering the event-store and read-model metrics other modules record. */
export { eventStoreAppendDuration, readModelLag, type ReadModelLagMetrics } from './store.metrics';
/** Nest module serving `/metrics`. */
export { MetricsModule } from './metrics.module';
/** Controller behind `GET /metrics`. */
export { MetricsController } from './metrics.controller';
/** Projection state gauge and error counter. */
export { PROJECTION_STATES, projectionMetrics, type ProjectionMetrics } from './projection.metrics';
