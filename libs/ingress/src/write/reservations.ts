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
 *
 * `assumeUnclaimed` (a create's first attempt) skips the reads and expects every stream not to exist yet, as
 * for a value never used: the append's expected revision (`no_stream`) still refuses a value that was ever
 * claimed, and the writer's retry then reads the streams and decides on what they hold.
 */
export async function planReservations(
  store: EventStore,
  who: ReservationOwner,
  before: ScimResource | undefined,
  after: ScimResource | undefined,
  toEvents: (events: { type: string; data: { owner: string } }[]) => NewEvent[],
  assumeUnclaimed = false,
): Promise<AppendRequest[]> {
  const ids = reservationStreamIds(who, before, after);
  if (ids.length === 0) return [];
  const states = new Map<string, ReservationState>();
  const revisions = new Map<string, number>();
  await Promise.all(
    ids.map(async (streamId) => {
      const events = assumeUnclaimed ? [] : await store.readStream(streamId);
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
