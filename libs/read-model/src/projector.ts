// Keeps a read model up to date from the event store: a catch-up subscription that starts at the read
// model's own checkpoint (stored in the same transaction as the rows, so a crash never skips or doubles).
import type { EventStore, RecordedEvent, Subscription } from '@scim-hub/event-store';
import type { ReadModel } from './read-model.port';

/** How far the projector trails the log after a batch (for metrics; no metrics library here). */
export interface ProjectorLag {
  /** Events in the log after the last projected one, counted up to `lagProbeLimit`. */
  eventsBehind: number;
  /** True when `eventsBehind` hit `lagProbeLimit` (the real backlog is larger). */
  eventsBehindCapped: boolean;
  /** Age of the oldest event not yet projected; 0 when caught up. */
  secondsBehind: number;
}

/** Options of the projector. */
export interface ProjectorOptions {
  batchSize?: number;
  /** Called after each batch with the current lag. */
  onLag?: (lag: ProjectorLag) => void;
  /** Called when projecting a batch fails; the subscription retries the batch after a back-off. */
  onError?: (error: unknown) => void;
  /** Upper bound of events read to count the backlog; default 1000. */
  lagProbeLimit?: number;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_LAG_PROBE_LIMIT = 1000;

/**
 * Subscribes the read model to every tenant's User and Group streams. Stream prefixes cannot express
 * "any tenant's User streams" (the tenant comes first), so the subscription reads the whole log and the read model skips
 * other streams (e.g. `<tenant>/Unique/...` reservations) while still advancing its checkpoint past them.
 * The HTTP layer calls `subscription.waitFor(position)` after an append so that a client reads its own writes.
 */
export async function startProjector(store: EventStore, readModel: ReadModel, options: ProjectorOptions = {}): Promise<Subscription> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const probeLimit = options.lagProbeLimit ?? DEFAULT_LAG_PROBE_LIMIT;
  return store.subscribe({
    after: await readModel.checkpoint(),
    batchSize,
    handle: async (events) => {
      await readModel.project(events);
      if (options.onLag) options.onLag(await measureLag(store, events, batchSize, probeLimit));
    },
    onError: options.onError,
  });
}

// A batch shorter than batchSize means the subscription read up to the head: nothing is behind. After a
// full batch, a bounded read of what follows gives the backlog and the age of its oldest event.
async function measureLag(store: EventStore, batch: RecordedEvent[], batchSize: number, probeLimit: number): Promise<ProjectorLag> {
  const last = batch.at(-1);
  if (!last || batch.length < batchSize) return { eventsBehind: 0, eventsBehindCapped: false, secondsBehind: 0 };
  const ahead = await store.readAll({ after: last.position, maxCount: probeLimit });
  const oldest = ahead[0] ? Date.parse(ahead[0].recordedAt) : NaN;
  return {
    eventsBehind: ahead.length,
    eventsBehindCapped: ahead.length >= probeLimit,
    secondsBehind: Number.isNaN(oldest) ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
  };
}

/**
 * Rebuilds a read model in place from the whole log: reset, then project page by page (offline tools and tests;
 * a running hub rebuilds through the projection runner into a shadow copy instead). Stop the read model's
 * projector first; a running subscription keeps its own in-memory position.
 */
export async function rebuildReadModel(store: EventStore, readModel: ReadModel, batchSize = DEFAULT_BATCH_SIZE): Promise<number> {
  await readModel.reset();
  let projected = 0;
  for (;;) {
    const events = await store.readAll({ after: await readModel.checkpoint(), maxCount: batchSize });
    if (events.length === 0) return projected;
    await readModel.project(events);
    projected += events.length;
  }
}
