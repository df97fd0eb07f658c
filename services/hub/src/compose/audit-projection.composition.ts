// The audit index runs in the projection runner like every projection (one process at a time on PostgreSQL).
// Finishing an erasure is different: every process caches keys and owns storage files, so each one follows the
// log for UserErased events itself.
import { USER_ERASED, parseAuditedStream, type AuditProjection } from '@scim-hub/audit';
import type { EventStore, Position, RecordedEvent, Subscription } from '@scim-hub/event-store';

/** Called after a batch that holds UserErased events, with the last one's position and the erased streams. */
export type OnErased = (position: Position, userStreams: string[]) => Promise<void>;

/**
 * Follows the log from `after` and calls `onErased` for UserErased events, also those another process appended
 * (forget the destroyed key, purge deleted bytes). Idempotent, so starting a little early repeats harmlessly.
 */
export function followErasures(store: EventStore, after: Position | undefined, onErased: OnErased, onError: (error: unknown) => void): Subscription {
  return store.subscribe({
    ...(after ? { after } : {}),
    batchSize: 500,
    // Only UserErased events matter here; the store passes every other event over without decoding it.
    accepts: (event) => event.type === USER_ERASED.type,
    handle: async (erased) => {
      await onErased((erased.at(-1) as RecordedEvent).position, erased.map(userStreamOf).filter((s): s is string => !!s));
    },
    onError,
  });
}

function userStreamOf(event: RecordedEvent): string | undefined {
  const stream = parseAuditedStream(event.streamId);
  return stream && `${stream.tenant}/User/${stream.id}`;
}

/** Brings the index up to the head of the log once (the CLI, which runs no subscription). */
export async function catchUpAuditIndex(store: EventStore, index: AuditProjection): Promise<void> {
  for (;;) {
    const events = await store.readAll({ after: await index.checkpoint(), maxCount: 1000 });
    if (events.length === 0) return;
    await index.project(events);
  }
}
