// ── SCIM API composition ── The place where the hub plugs in @scim-hub/ingress: opens the event store (user data
// sealed with per-user keys, docs/audit.md) and the read model HUB_STORE / DATABASE_URL select, starts the
// projection runner (the SCIM read model and any other projection), registers readiness checks, metrics and
// close hooks, and returns ScimModule.forRoot(...).
import type { DynamicModule } from '@nestjs/common';
import { protectPersonalData } from '@scim-hub/audit';
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
import type { ScimParts } from './audit.composition';
import { openKeyStore } from './audit-storage.composition';
import { openBusProjectionSource } from './bus.composition';
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

/**
 * The SCIM module, the storage it runs on (the audit and outbound compositions build on the same parts) and the
 * projection runner that keeps the read model and every other projection current (from the log, or with
 * HUB_BUS=kafka from the topic).
 */
export interface ScimComposition extends ScimParts {
  module: DynamicModule;
  projections: ProjectionRunner;
}

/** Opens the further projections the runner runs beside the SCIM read model (e.g. the audit index) on the store. */
export type MoreProjections = (store: EventStore) => Promise<readonly CheckpointedProjection[]>;

/**
 * Opens storage, starts the projections (the SCIM read model first, then those `more` opens) and returns the
 * SCIM module; close hooks are registered as it goes.
 */
export async function composeScim(config: HubConfig, services: CompositionServices, more?: MoreProjections): Promise<ScimComposition> {
  const { metrics, readiness, shutdown } = services;
  const customSchemas = loadCustomSchemas(config.customSchemasFile);
  const raw = await openEventStore(config);
  shutdown.register('event store', () => raw.close());
  const keys = await openKeyStore(config);
  shutdown.register('key store', () => keys.close());
  // Erasure by crypto-shredding (docs/audit.md): user events are sealed with per-user keys before any adapter sees them.
  const personalData = await protectPersonalData(raw, keys);
  const eventStore = new TimedEventStore(personalData, eventStoreAppendDuration(metrics), config.store);
  const readModel = await openReadModel(config, customSchemas);
  shutdown.register('read model', () => readModel.close());
  const others = more ? await more(eventStore) : [];
  // HUB_BUS=kafka: every projection consumes the topic in its own consumer group (bus.composition.ts).
  const source =
    config.bus === 'kafka'
      ? await openBusProjectionSource(config, { raw, store: eventStore, open: (events) => personalData.openEvents(events) }, services)
      : undefined;
  const projections = await composeProjections(config, eventStore, [scimProjection(readModel), ...others], services, source);
  const projection = projections.waiterFor(SCIM_PROJECTION);
  readiness.register('event-store', async () => (await eventStore.readAll({ maxCount: 1 }), true));
  readiness.register('projector', () => runnerCaughtUp(projections));
  const module = ScimModule.forRoot({
    eventStore,
    readModel,
    projection,
    options: {
      publicUrl: config.publicUrl,
      maxPageSize: config.maxPageSize,
      customSchemas,
      schemaStrict: config.schemaStrict,
      projectionWaitMs: config.readYourWritesTimeoutMs,
    },
  });
  return { module, eventStore, sealedLog: raw, personalData, readModel, projection, keys, customSchemas, projections };
}

// Whichever process runs it: a standby hub is ready when the shared read model is current.
async function runnerCaughtUp(projections: ProjectionRunner): Promise<{ ok: boolean; detail: string }> {
  const status = await projections.status(SCIM_PROJECTION);
  const behind = `${status.lagEvents}${status.lagEventsCapped ? '+' : ''}`;
  return { ok: status.lagEvents <= MAX_READY_LAG, detail: `${status.state}, ${behind} events behind` };
}
