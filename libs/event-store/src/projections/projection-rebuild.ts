// Rebuild and replay of one projection. A rebuild fills a shadow copy from position 0 while the live copy
// keeps serving; then the live subscription pauses, the copy catches up with the head of the log and is
// swapped in atomically, and the live feed resumes from the copy's checkpoint. Both read the store's log
// directly (it is the source of truth), so they work the same whether the live feed is the log or the bus: a
// bus consumer group resumes from its own committed offset, which is never past the head read here, and the
// projection skips every event at or before its checkpoint.
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import type { ShadowProjection } from './checkpointed-projection';
import { ProjectionConflict } from './projection.errors';
import { errorMessage } from './projection-errors.classify';
import type { ProjectionWorker } from './projection-worker';

type Target = Pick<ShadowProjection, 'checkpoint' | 'project'>;

/** Rebuilds `worker`'s projection from position 0 (shadow copy when it offers one, else reset in place). */
export async function rebuildProjection(worker: ProjectionWorker, store: EventStore, batchSize: number): Promise<void> {
  await settle(worker, async () => {
    const { projection } = worker;
    if (projection.openShadow) return viaShadow(worker, store, batchSize, await projection.openShadow());
    await worker.pause();
    await projection.reset();
    await fill(worker, store, projection, batchSize);
  });
}

/**
 * Moves `worker`'s checkpoint back to `after` and applies the events after it again from the log. Not left to
 * the live feed: a bus consumer group would resume at its committed offset, past the events to replay.
 */
export async function replayProjection(worker: ProjectionWorker, store: EventStore, after: Position, batchSize: number): Promise<void> {
  await settle(worker, async () => {
    await worker.pause();
    await worker.projection.rewind?.(after);
    await fill(worker, store, worker.projection, batchSize);
  });
}

async function viaShadow(worker: ProjectionWorker, store: EventStore, batchSize: number, shadow: ShadowProjection): Promise<void> {
  try {
    await fill(worker, store, shadow, batchSize);
    await worker.pause();
    // Only what was appended while the first pass ran: the live copy is paused for this short catch-up.
    await fill(worker, store, shadow, batchSize);
    if (!worker.holdsLease) throw new ProjectionConflict(worker.name, 'lost its lease during the rebuild');
    await shadow.swapIn();
  } catch (error) {
    await shadow.discard().catch(() => undefined);
    throw error;
  }
}

// Reads the log after the target's checkpoint to the head, reading the next page while the target applies
// the current one. A page shorter than `batchSize` was read at the head of the log.
async function fill(worker: ProjectionWorker, store: EventStore, target: Target, batchSize: number): Promise<void> {
  const read = (after: Position | undefined): Promise<RecordedEvent[]> => store.readAll({ ...(after ? { after } : {}), maxCount: batchSize });
  let next: Promise<RecordedEvent[]> | undefined = read(await target.checkpoint());
  while (next) {
    const page: RecordedEvent[] = await next;
    const last = page.at(-1);
    next = last && page.length >= batchSize ? read(last.position) : undefined;
    // A failed prefetch is reported by the await above on the next turn, not as an unhandled rejection.
    next?.catch(() => undefined);
    if (page.length > 0) await target.project(page);
    if (worker.rebuild) worker.rebuild.applied += page.length;
    // SQLite reads and writes synchronously: without a turn of the event loop per page, a rebuild would hold
    // up every request of the process until it ends.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// Whatever happens, the live subscription resumes afterwards (from the swapped-in copy or the old one).
async function settle(worker: ProjectionWorker, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    worker.lastError = undefined;
  } catch (error) {
    worker.lastError = { message: `rebuild failed: ${errorMessage(error)}`, at: new Date().toISOString() };
    throw error;
  } finally {
    worker.rebuild = undefined;
    await worker.resume();
  }
}
