// Runs the audit index from its own checkpoint with a plain catch-up subscription. This is the one place to
// swap for the named-projection runner once it exists: it takes the same CheckpointedProjection.
import { USER_ERASED, parseAuditedStream, type AuditProjection } from '@scim-hub/audit';
import type { EventStore, Position, RecordedEvent, Subscription } from '@scim-hub/event-store';

/** Called after a batch that holds UserErased events, with the last one's position and the erased streams. */
export type OnErased = (position: Position, userStreams: string[]) => Promise<void>;

/** Subscribes the audit index to the log; `onErased` finishes erasures (also those another process made). */
export async function startAuditProjection(
  store: EventStore,
  index: AuditProjection,
  onErased: OnErased,
  onError: (error: unknown) => void,
): Promise<Subscription> {
  return store.subscribe({
    after: await index.checkpoint(),
    batchSize: 500,
    handle: async (events) => {
      await index.project(events);
      const erased = events.filter((e) => e.type === USER_ERASED.type);
      if (erased.length > 0) await onErased((erased.at(-1) as RecordedEvent).position, erased.map(userStreamOf).filter((s): s is string => !!s));
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
