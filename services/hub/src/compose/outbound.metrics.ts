// Per-target outbound metrics on the hub's /metrics. Gauges are read from the engine's status when scraped
// (so a removed target's series disappear); counters and the request histogram are for the engine to record.
import type { MetricsService } from '@scim-hub/platform';
import { type OutboundControl, OutboundUnavailable, type TargetRegistry, type TargetStatus } from '@scim-hub/targets';
import { type Counter, Gauge, type Histogram } from 'prom-client';

// A downstream SCIM call is a network round trip: milliseconds to seconds (timeouts are retried, not observed here).
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// One scrape reads every gauge at once; they share one status call per target.
const DEFAULT_STATUS_REUSE_MS = 1000;

/** What the engine records per delivery; handed to it at the adapter point in outbound.composition.ts. */
export interface OutboundMetricsSink {
  /** `outbound_deliveries_total{target,resource_type,outcome}`; outcome e.g. delivered, retried, parked, deferred. */
  readonly deliveries: Counter<'target' | 'resource_type' | 'outcome'>;
  /** `outbound_request_duration_seconds{target,method}`: one HTTP call to a target. */
  readonly requestDuration: Histogram<'target' | 'method'>;
}

const STATUS_GAUGES: [string, string, (s: TargetStatus) => number][] = [
  ['outbound_lag_events', 'Events in the log not yet delivered to the target', (s) => s.lag.events],
  ['outbound_lag_seconds', 'Age in seconds of the oldest change not yet delivered to the target', (s) => s.lag.seconds],
  ['outbound_in_flight', 'Requests to the target in flight', (s) => s.inFlight],
  ['outbound_parked', 'Parked changes of the target (4xx answers waiting for a redrive)', (s) => s.parked],
  ['outbound_quarantined', '1 while the target is quarantined', (s) => (s.quarantine.quarantined ? 1 : 0)],
];

/** Registers the outbound metrics; the status gauges ask `control()` for each target's status when scraped. */
export function registerOutboundMetrics(
  metrics: MetricsService,
  registry: TargetRegistry,
  control: () => OutboundControl,
  statusReuseMs = DEFAULT_STATUS_REUSE_MS,
): OutboundMetricsSink {
  gauge(metrics, 'outbound_targets', 'Configured outbound targets by tenant and enabled state', ['tenant', 'enabled'], (g) => {
    for (const view of registry.views()) g.inc({ tenant: view.tenant, enabled: String(view.enabled) });
  });
  const statuses = reused(() => statusesOf(registry, control()), statusReuseMs);
  for (const [name, help, value] of STATUS_GAUGES) {
    gauge(metrics, name, help, ['target'], async (g) => {
      for (const [target, status] of await statuses()) g.set({ target }, value(status));
    });
  }
  return {
    deliveries: metrics.counter('outbound_deliveries_total', 'Changes handled per target, by resource type and outcome', ['target', 'resource_type', 'outcome']),
    requestDuration: metrics.histogram('outbound_request_duration_seconds', 'Duration of one SCIM request to a target', ['target', 'method'], REQUEST_BUCKETS),
  };
}

// Without an engine there is no status: the per-target gauges stay empty rather than failing the scrape.
async function statusesOf(registry: TargetRegistry, control: OutboundControl): Promise<Map<string, TargetStatus>> {
  const statuses = new Map<string, TargetStatus>();
  for (const { id } of registry.views()) {
    try {
      statuses.set(id, await control.status(id));
    } catch (error) {
      if (!(error instanceof OutboundUnavailable)) throw error;
    }
  }
  return statuses;
}

function reused<T>(load: () => Promise<T>, reuseMs: number): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at >= reuseMs) cached = { at: Date.now(), value: load() };
    return cached.value;
  };
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
