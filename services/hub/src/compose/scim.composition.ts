// ── SCIM API composition ── The place where the hub plugs in @scim-hub/ingress: opens the event store and
// read model HUB_STORE / DATABASE_URL select, starts the projection runner (the SCIM read model and any other
// projection), registers readiness checks, metrics and close hooks, and returns ScimModule.forRoot(...).
import type { DynamicModule } from '@nestjs/common';
import type { EventStore } from '@scim-hub/event-store';
import type { CheckpointedProjection, ProjectionRunner } from '@scim-hub/event-store/projections';
import { ScimModule } from '@scim-hub/ingress';
import {
  type HubConfig,
  type HubLogger,
  type MetricsService,
  type ReadinessRegistry,
  type ShutdownRegistry,
  eventStoreAppendDuration,
} from '@scim-hub/platform';
import { SCIM_PROJECTION, scimProjection } from '@scim-hub/read-model';
import { loadCustomSchemas } from './custom-schemas.loader';
import { composeProjections } from './projections.composition';
import { openEventStore, openReadModel } from './storage.composition';
import { TimedEventStore } from './timed-event-store';

/** Shared services the composition registers with. */
export interface CompositionServices {
  readonly logger: HubLogger;
  readonly metrics: MetricsService;
  readonly readiness: ReadinessRegistry;
  readonly shutdown: ShutdownRegistry;
}

// Ready when the read model trails the log by at most this many events (a client reads its own writes
// through waitFor anyway; this keeps a replica that is still catching up out of the load balancer).
const MAX_READY_LAG = 100;

/** The SCIM module and the projection runner that keeps its read model (and every other projection) current. */
export interface ScimComposition {
  readonly module: DynamicModule;
  readonly projections: ProjectionRunner;
}

/** Opens the further projections the runner runs beside the SCIM read model (e.g. an audit index) on the store. */
export type MoreProjections = (store: EventStore) => Promise<readonly CheckpointedProjection[]>;

/**
 * Opens storage, starts the projections (the SCIM read model first, then those `more` opens) and returns the
 * SCIM module; close hooks are registered as it goes.
 */
export async function composeScim(config: HubConfig, services: CompositionServices, more?: MoreProjections): Promise<ScimComposition> {
  const { logger, metrics, readiness, shutdown } = services;
  const customSchemas = loadCustomSchemas(config.customSchemasFile);
  const raw = await openEventStore(config);
  shutdown.register('event store', () => raw.close());
  const eventStore = new TimedEventStore(raw, eventStoreAppendDuration(metrics), config.store);
  const readModel = await openReadModel(config, customSchemas);
  shutdown.register('read model', () => readModel.close());
  const others = more ? await more(eventStore) : [];
  const projections = await composeProjections(config, eventStore, [scimProjection(readModel), ...others], { logger, metrics, shutdown });
  readiness.register('event-store', async () => (await eventStore.readAll({ maxCount: 1 }), true));
  readiness.register('projector', () => projectorCaughtUp(projections));
  const module = ScimModule.forRoot({
    eventStore,
    readModel,
    projection: projections.waiterFor(SCIM_PROJECTION),
    options: {
      publicUrl: config.publicUrl,
      maxPageSize: config.maxPageSize,
      customSchemas,
      projectionWaitMs: config.readYourWritesTimeoutMs,
    },
  });
  return { module, projections };
}

// Whichever process runs it: a standby hub is ready when the shared read model is current.
async function projectorCaughtUp(projections: ProjectionRunner): Promise<{ ok: boolean; detail: string }> {
  const status = await projections.status(SCIM_PROJECTION);
  const behind = `${status.lagEvents}${status.lagEventsCapped ? '+' : ''}`;
  return { ok: status.lagEvents <= MAX_READY_LAG, detail: `${status.state}, ${behind} events behind` };
}
