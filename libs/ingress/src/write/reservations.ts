import type { AppendRequest, EventStore, NewEvent } from '@scim-hub/event-store';
import {
  decideReservations,
  evolveReservation,
  initialReservationState,
  reservationStreamIds,
  upcastReservationEvent,
  type ReservationOwner,
  type ReservationState,
} from '@scim-hub/identity';
import type { ScimResource } from '@scim-hub/scim';

/**
 * Reads the reservation streams a change touches and returns the appends that claim and release unique
 * values (userName, group displayName), each with the expected revision it was decided on — so two
 * concurrent claims of one value cannot both succeed (docs/architecture.md: uniqueness on the write side).
 */
export async function planReservations(
  store: EventStore,
  who: ReservationOwner,
  before: ScimResource | undefined,
  after: ScimResource | undefined,
  toEvents: (events: { type: string; data: { owner: string } }[]) => NewEvent[],
): Promise<AppendRequest[]> {
  const ids = reservationStreamIds(who, before, after);
  if (ids.length === 0) return [];
  const states = new Map<string, ReservationState>();
  const revisions = new Map<string, number>();
  await Promise.all(
    ids.map(async (streamId) => {
      const events = await store.readStream(streamId);
      states.set(streamId, events.map(upcastReservationEvent).reduce(evolveReservation, initialReservationState()));
      revisions.set(streamId, events.length === 0 ? -1 : events[events.length - 1].revision);
    }),
  );
  return decideReservations(who, before, after, states).map((decision) => {
    const revision = revisions.get(decision.streamId) ?? -1;
    return {
      streamId: decision.streamId,
      expectedRevision: revision < 0 ? 'no_stream' : revision,
      events: toEvents(decision.events),
    };
  });
}
