// ── SCIM API composition ── The place where the hub plugs in @scim-hub/ingress: opens the event store and
// read model HUB_STORE / DATABASE_URL select, starts the projector, registers readiness checks, metrics and
// close hooks, and returns ScimModule.forRoot(...) for HubModule's imports.
import type { DynamicModule } from '@nestjs/common';
import type { EventStore, Subscription } from '@scim-hub/event-store';
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

/** Opens storage, starts the projector and returns the SCIM module; close hooks are registered as it goes. */
export async function composeScim(config: HubConfig, services: CompositionServices): Promise<DynamicModule> {
  const { logger, metrics, readiness, shutdown } = services;
  const customSchemas = loadCustomSchemas(config.customSchemasFile);
  const raw = await openEventStore(config);
  shutdown.register('event store', () => raw.close());
  const eventStore = new TimedEventStore(raw, eventStoreAppendDuration(metrics), config.store);
  const readModel = await openReadModel(config, customSchemas);
  shutdown.register('read model', () => readModel.close());
  const lag = readModelLag(metrics);
  const projection = await startScimProjection(config, eventStore, readModel, services, {
    onLag: (l) => {
      lag.events.set({ projection: 'scim' }, l.eventsBehind);
      lag.seconds.set({ projection: 'scim' }, l.secondsBehind);
    },
    onError: (err) => logger.error({ err }, 'projector batch failed; retrying'),
  });
  shutdown.register('projector', () => projection.stop());
  readiness.register('event-store', async () => (await eventStore.readAll({ maxCount: 1 }), true));
  readiness.register('projector', () => projectorCaughtUp(eventStore, projection));
  return ScimModule.forRoot({
    eventStore,
    readModel,
    projection,
    options: { publicUrl: config.publicUrl, maxPageSize: config.maxPageSize, customSchemas },
  });
}

async function projectorCaughtUp(store: EventStore, projection: Subscription): Promise<{ ok: boolean; detail: string }> {
  const ahead = await store.readAll({ ...(projection.position ? { after: projection.position } : {}), maxCount: MAX_READY_LAG + 1 });
  return { ok: ahead.length <= MAX_READY_LAG, detail: `${ahead.length > MAX_READY_LAG ? `>${MAX_READY_LAG}` : ahead.length} events behind` };
}
