// Per-target outbound metrics on the hub's /metrics. Gauges are read from the engine's status when scraped
// (so a removed target's series disappear); counters and the request histogram are for the engine to record.
import type { MetricsService } from '@scim-hub/platform';
import { type OutboundControl, OutboundUnavailable, type TargetRegistry } from '@scim-hub/targets';
import { type Counter, Gauge, type Histogram } from 'prom-client';

// A downstream SCIM call is a network round trip: milliseconds to seconds (timeouts are retried, not observed here).
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the engine records per delivery; handed to it at the adapter point in outbound.composition.ts. */
export interface OutboundMetricsSink {
  /** `outbound_deliveries_total{target,resource_type,outcome}`; outcome e.g. delivered, retried, parked, deferred. */
  readonly deliveries: Counter<'target' | 'resource_type' | 'outcome'>;
  /** `outbound_request_duration_seconds{target,method}`: one HTTP call to a target. */
  readonly requestDuration: Histogram<'target' | 'method'>;
}

/** Registers the outbound metrics; the gauges ask `control()` for each target's status when scraped. */
export function registerOutboundMetrics(metrics: MetricsService, registry: TargetRegistry, control: () => OutboundControl): OutboundMetricsSink {
  gauge(metrics, 'outbound_targets', 'Configured outbound targets by tenant and enabled state', ['tenant', 'enabled'], (g) => {
    for (const view of registry.views()) g.inc({ tenant: view.tenant, enabled: String(view.enabled) });
  });
  const status = statusGauges(metrics);
  gauge(metrics, 'outbound_lag_events', 'Events in the log not yet delivered to the target', ['target'], async (g) => {
    await collectStatus(registry, control(), g, status);
  });
  return {
    deliveries: metrics.counter('outbound_deliveries_total', 'Changes handled per target, by resource type and outcome', ['target', 'resource_type', 'outcome']),
    requestDuration: metrics.histogram('outbound_request_duration_seconds', 'Duration of one SCIM request to a target', ['target', 'method'], REQUEST_BUCKETS),
  };
}

type StatusGauges = Record<'seconds' | 'inFlight' | 'parked' | 'quarantined', Gauge<'target'>>;

function statusGauges(metrics: MetricsService): StatusGauges {
  return {
    seconds: metrics.gauge('outbound_lag_seconds', 'Age in seconds of the oldest change not yet delivered to the target', ['target']),
    inFlight: metrics.gauge('outbound_in_flight', 'Requests to the target in flight', ['target']),
    parked: metrics.gauge('outbound_parked', 'Parked changes of the target (4xx answers waiting for a redrive)', ['target']),
    quarantined: metrics.gauge('outbound_quarantined', '1 while the target is quarantined', ['target']),
  };
}

// One status call per target fills every per-target gauge; without an engine they stay empty.
async function collectStatus(registry: TargetRegistry, control: OutboundControl, lag: Gauge<'target'>, gauges: StatusGauges): Promise<void> {
  for (const g of Object.values(gauges)) g.reset();
  for (const { id } of registry.views()) {
    try {
      const s = await control.status(id);
      lag.set({ target: id }, s.lag.events);
      gauges.seconds.set({ target: id }, s.lag.seconds);
      gauges.inFlight.set({ target: id }, s.inFlight);
      gauges.parked.set({ target: id }, s.parked);
      gauges.quarantined.set({ target: id }, s.quarantine.quarantined ? 1 : 0);
    } catch (error) {
      if (!(error instanceof OutboundUnavailable)) throw error;
    }
  }
}

// prom-client calls `collect` before each scrape; the gauge starts empty each time so stale series go.
function gauge<T extends string>(metrics: MetricsService, name: string, help: string, labelNames: T[], fill: (g: Gauge<T>) => void | Promise<void>): void {
  new Gauge<T>({
    name,
    help,
    labelNames,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      await fill(this);
    },
  });
}
