// ── Projections composition ── Runs the named projections (the SCIM read model and any other) with the
// projection runner: on PostgreSQL with advisory-lock leases (one process runs each projection) and LISTEN
// for checkpoints committed elsewhere; embedded SQLite in this process alone. Status goes to metrics and logs.
import type { EventStore } from '@scim-hub/event-store';
import {
  type CheckpointedProjection,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionSource,
  type ProjectionStatus,
} from '@scim-hub/event-store/projections';
import { type HubConfig, type HubLogger, type MetricsService, PROJECTION_STATES, projectionMetrics, readModelLag } from '@scim-hub/platform';

/** Where the runner reports and registers its close hook. */
export interface ProjectionServices {
  readonly logger: HubLogger;
  readonly metrics: MetricsService;
  readonly shutdown: { register(name: string, close: () => Promise<unknown> | unknown): void };
}

// Separates deployments sharing one database; the read model's schema is fixed (storage.composition.ts).
const LEASE_SCOPE = 'scim_hub_read';

/** Starts the runner over `projections`, fed from `source` (default: the store's log); stopped by the shutdown hooks. */
export async function composeProjections(
  config: HubConfig,
  store: EventStore,
  projections: readonly CheckpointedProjection[],
  services: ProjectionServices,
  source?: ProjectionSource,
): Promise<ProjectionRunner> {
  const coordination = config.databaseUrl ? await postgresCoordination(config.databaseUrl) : {};
  const runner = new ProjectionRunner(store, projections, { ...coordination, ...(source ? { source } : {}), hooks: reportingHooks(services) });
  services.shutdown.register('projections', () => runner.stop());
  runner.start();
  return runner;
}

// The PostgreSQL driver is loaded only when the read model is on PostgreSQL.
async function postgresCoordination(connectionString: string): Promise<ProjectionRunnerOptions> {
  const { PostgresProjectionLeases, postgresCheckpointSignal } = await import('@scim-hub/event-store/postgres');
  return {
    leases: new PostgresProjectionLeases({ connectionString, scope: LEASE_SCOPE }),
    checkpointSignal: postgresCheckpointSignal(connectionString),
  };
}

/** Status to gauges, failures to a counter and log lines (a poisoned event at `error` with its position). */
export function reportingHooks({ logger, metrics }: ProjectionServices): ProjectionRunnerOptions['hooks'] {
  const lag = readModelLag(metrics);
  const { state, errors } = projectionMetrics(metrics);
  return {
    onStatus: (status: ProjectionStatus) => {
      lag.events.set({ projection: status.name }, status.lagEvents);
      lag.seconds.set({ projection: status.name }, status.lagSeconds);
      for (const s of PROJECTION_STATES) state.set({ projection: status.name, state: s }, s === status.state ? 1 : 0);
    },
    onError: (projection, err, position) => {
      errors.inc({ projection });
      logger.warn({ err, projection, position }, 'projection batch failed; retrying');
    },
    onPoisoned: (projection, err, position) => {
      logger.error({ err, projection, position }, 'projection stopped at a poisoned event; fix the cause, then rebuild or replay it');
    },
  };
}
