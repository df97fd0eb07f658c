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

/** The appends a change needs on reservation streams, and which streams its owner holds once they are made. */
export interface ReservationPlan {
  appends: AppendRequest[];
  /** The reservation streams of the resource after the change, every one held by its owner once the appends succeed. */
  heldAfter: ReadonlySet<string> | undefined;
}

/**
 * Reads the reservation streams a change touches and returns the appends that claim and release unique
 * values (userName, group displayName), each with the expected revision it was decided on — so two
 * concurrent claims of one value cannot both succeed (docs/architecture.md: uniqueness on the write side).
 *
 * `assumeUnclaimed` (a create's first attempt) skips the reads and expects every stream not to exist yet, as
 * for a value never used: the append's expected revision (`no_stream`) still refuses a value that was ever
 * claimed, and the writer's retry then reads the streams and decides on what they hold.
 *
 * `held`: streams the owner is known to hold (its stream has had no write from elsewhere since they were claimed
 * or read). A value that stays is not read again: nobody else can claim a value while it is held, and only the
 * owner's own writes release it.
 */
export async function planReservations(
  store: EventStore,
  who: ReservationOwner,
  before: ScimResource | undefined,
  after: ScimResource | undefined,
  toEvents: (events: { type: string; data: { owner: string } }[]) => NewEvent[],
  assumeUnclaimed = false,
  held: ReadonlySet<string> = new Set(),
): Promise<ReservationPlan> {
  const ids = reservationStreamIds(who, before, after);
  if (ids.length === 0) return { appends: [], heldAfter: undefined };
  const kept = new Set(reservationStreamIds(who, after)); // the streams of `after` alone
  const states = new Map<string, ReservationState>();
  const revisions = new Map<string, number>();
  await Promise.all(
    ids.map(async (streamId) => {
      if (held.has(streamId) && kept.has(streamId)) return void states.set(streamId, { owner: who.owner });
      const events = assumeUnclaimed ? [] : await store.readStream(streamId);
      states.set(streamId, events.map(upcastReservationEvent).reduce(evolveReservation, initialReservationState()));
      revisions.set(streamId, events.length === 0 ? -1 : events[events.length - 1].revision);
    }),
  );
  const decisions = decideReservations(who, before, after, states);
  const claimed = new Set(decisions.filter((d) => d.events.some((e) => e.type === 'UniqueValueClaimed')).map((d) => d.streamId));
  const ownsAll = [...kept].every((streamId) => claimed.has(streamId) || states.get(streamId)?.owner === who.owner);
  const appends = decisions.map((decision) => {
    const revision = revisions.get(decision.streamId) ?? -1;
    return {
      streamId: decision.streamId,
      expectedRevision: revision < 0 ? ('no_stream' as const) : revision,
      events: toEvents(decision.events),
    };
  });
  return { appends, heldAfter: ownsAll ? kept : undefined };
}
