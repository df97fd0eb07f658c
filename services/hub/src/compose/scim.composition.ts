// ── SCIM API composition ── The place where the hub plugs in @scim-hub/ingress: opens the event store (user data
// sealed with per-user keys, docs/audit.md) and the read model HUB_STORE / DATABASE_URL select, starts the
// projection runner (the SCIM read model and any other projection), registers readiness checks, metrics and
// close hooks, and returns ScimModule.forRoot(...).
import type { DynamicModule } from '@nestjs/common';
import { protectPersonalData } from '@scim-hub/audit';
import type { EventStore, RecordedEvent, Subscription } from '@scim-hub/event-store';
import type { CheckpointedProjection, ProjectionRunner } from '@scim-hub/event-store/projections';
import { ScimModule } from '@scim-hub/ingress';
import {
  type HubConfig,
  type HubLogger,
  type MetricsService,
  type ReadinessRegistry,
  type ShutdownRegistry,
  eventStoreAppendDuration,
  readModelLag,
} from '@scim-hub/platform';
import { SCIM_PROJECTION, scimProjection, type ReadModel } from '@scim-hub/read-model';
import type { ScimParts } from './audit.composition';
import { openKeyStore } from './audit-storage.composition';
import { startBusScimProjection } from './bus.composition';
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
 * projection runner that keeps the read model (with HUB_BUS=log) and every other projection current.
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
  // HUB_BUS=kafka: the read model consumes the topic (bus.composition.ts); the runner keeps the other projections.
  const busFed = config.bus === 'kafka';
  const projections = await composeProjections(config, eventStore, busFed ? others : [scimProjection(readModel), ...others], services);
  const projection = busFed
    ? await startBusProjection(config, { raw, store: eventStore, open: (events) => personalData.openEvents(events) }, readModel, services)
    : projections.waiterFor(SCIM_PROJECTION);
  readiness.register('event-store', async () => (await eventStore.readAll({ maxCount: 1 }), true));
  readiness.register('projector', () => (busFed ? busCaughtUp(eventStore, projection as Subscription) : runnerCaughtUp(projections)));
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
  return { module, eventStore, personalData, readModel, projection, keys, customSchemas, projections };
}

async function startBusProjection(
  config: HubConfig,
  log: { raw: EventStore; store: EventStore; open(events: RecordedEvent[]): Promise<RecordedEvent[]> },
  readModel: ReadModel,
  services: CompositionServices,
): Promise<Subscription> {
  const { logger, metrics, shutdown } = services;
  const lag = readModelLag(metrics);
  const subscription = await startBusScimProjection(config, log, readModel, services, {
    onLag: (l) => {
      lag.events.set({ projection: SCIM_PROJECTION }, l.eventsBehind);
      lag.seconds.set({ projection: SCIM_PROJECTION }, l.secondsBehind);
    },
    onError: (err) => logger.error({ err }, 'read model batch from the bus failed; retrying'),
  });
  shutdown.register('bus projection', () => subscription.stop());
  return subscription;
}

// Whichever process runs it: a standby hub is ready when the shared read model is current.
async function runnerCaughtUp(projections: ProjectionRunner): Promise<{ ok: boolean; detail: string }> {
  const status = await projections.status(SCIM_PROJECTION);
  const behind = `${status.lagEvents}${status.lagEventsCapped ? '+' : ''}`;
  return { ok: status.lagEvents <= MAX_READY_LAG, detail: `${status.state}, ${behind} events behind` };
}

async function busCaughtUp(store: EventStore, projection: Subscription): Promise<{ ok: boolean; detail: string }> {
  const ahead = await store.readAll({ ...(projection.position ? { after: projection.position } : {}), maxCount: MAX_READY_LAG + 1 });
  return { ok: ahead.length <= MAX_READY_LAG, detail: `${ahead.length > MAX_READY_LAG ? `>${MAX_READY_LAG}` : ahead.length} events behind` };
}
