import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Labels<T extends string> = readonly T[];

/** Options of the metrics registry. */
export interface MetricsOptions {
  /** Also expose prom-client's process metrics (CPU, memory, event loop); on in the hub. */
  readonly defaultMetrics?: boolean;
}

/**
 * One prom-client registry per application (not the global one, so tests can build several apps),
 * with the HTTP metrics every request records and get-or-create helpers other modules use.
 */
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method'>;

  constructor(options: MetricsOptions = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
    this.httpRequests = this.counter('http_requests_total', 'HTTP requests by route template, method and status', [
      'route',
      'method',
      'status',
    ]);
    this.httpDuration = this.histogram('http_request_duration_seconds', 'HTTP request duration in seconds', [
      'route',
      'method',
    ]);
  }

  /** Records one finished request; `route` must be a template (bounded cardinality), never a raw URL. */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
    this.httpDuration.observe({ route, method }, seconds);
  }

  /** Returns the counter `name`, registering it on first use. */
  counter<T extends string>(name: string, help: string, labelNames: Labels<T> = []): Counter<T> {
    return this.existing<Counter<T>>(name) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Returns the gauge `name`, registering it on first use. */
  gauge<T extends string>(name: string, help: string, labelNames: Labels<T> = []): Gauge<T> {
    return this.existing<Gauge<T>>(name) ?? new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Returns the histogram `name`, registering it on first use. */
  histogram<T extends string>(name: string, help: string, labelNames: Labels<T> = [], buckets?: number[]): Histogram<T> {
    return (
      this.existing<Histogram<T>>(name) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }

  /** The exposition text and its content type for `/metrics`. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private existing<M>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}
