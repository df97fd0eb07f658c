// ── SCIM API composition ── The place where the hub plugs in @scim-hub/ingress: opens the event store and
// read model HUB_STORE / DATABASE_URL select, starts the projector, registers readiness checks, metrics and
// close hooks, and returns ScimModule.forRoot(...) for HubModule's imports.
import type { DynamicModule } from '@nestjs/common';
import { protectPersonalData } from '@scim-hub/audit';
import type { EventStore, RecordedEvent, Subscription } from '@scim-hub/event-store';
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
import type { ScimParts } from './audit.composition';
import { openKeyStore } from './audit-storage.composition';
import { startScimProjection } from './bus.composition';
import { loadCustomSchemas } from './custom-schemas.loader';
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

/** The SCIM module and the storage it runs on (the audit composition builds on the same parts). */
export interface ScimComposition extends ScimParts {
  module: DynamicModule;
}

/** Opens storage, starts the projector and returns the SCIM module; close hooks are registered as it goes. */
export async function composeScim(config: HubConfig, services: CompositionServices): Promise<ScimComposition> {
  const { logger, metrics, readiness, shutdown } = services;
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
  const lag = readModelLag(metrics);
  const sealedLog = { raw, store: eventStore, open: (events: RecordedEvent[]) => personalData.openEvents(events) };
  const projection = await startScimProjection(config, sealedLog, readModel, services, {
    onLag: (l) => {
      lag.events.set({ projection: 'scim' }, l.eventsBehind);
      lag.seconds.set({ projection: 'scim' }, l.secondsBehind);
    },
    onError: (err) => logger.error({ err }, 'projector batch failed; retrying'),
  });
  shutdown.register('projector', () => projection.stop());
  readiness.register('event-store', async () => (await eventStore.readAll({ maxCount: 1 }), true));
  readiness.register('projector', () => projectorCaughtUp(eventStore, projection));
  const module = ScimModule.forRoot({
    eventStore,
    readModel,
    projection,
    options: { publicUrl: config.publicUrl, maxPageSize: config.maxPageSize, customSchemas, schemaStrict: config.schemaStrict },
  });
  return { module, eventStore, personalData, readModel, projection, keys, customSchemas };
}

async function projectorCaughtUp(store: EventStore, projection: Subscription): Promise<{ ok: boolean; detail: string }> {
  const ahead = await store.readAll({ ...(projection.position ? { after: projection.position } : {}), maxCount: MAX_READY_LAG + 1 });
  return { ok: ahead.length <= MAX_READY_LAG, detail: `${ahead.length > MAX_READY_LAG ? `>${MAX_READY_LAG}` : ahead.length} events behind` };
}
