import { uniqueness, type ScimResource } from '@scim-hub/scim';
import type { ReservationEvent } from './reservation.events';
import type { ReservationState } from './reservation.state';
import { reservationStreamId, uniquenessKeys, type UniquenessKey } from './uniqueness-key';

/** Whose reservations: the tenant, the resource type and the resource id (the `owner` of its claims). */
export interface ReservationOwner {
  tenant: string;
  resourceType: 'User' | 'Group';
  owner: string;
}

/** Events to append to one reservation stream, atomically with the resource's own events. */
export interface ReservationDecision {
  streamId: string;
  events: ReservationEvent[];
}

function keyedByStream(who: ReservationOwner, resource: ScimResource | undefined): Map<string, UniquenessKey> {
  return new Map(uniquenessKeys(who.resourceType, resource).map((k) => [reservationStreamId(who.tenant, k), k]));
}

/**
 * The reservation streams a change from `before` to `after` may touch (undefined = no resource). The
 * application layer reads exactly these (an empty stream is `initialReservationState()`) before deciding.
 */
export function reservationStreamIds(who: ReservationOwner, before?: ScimResource, after?: ScimResource): string[] {
  return [...new Set([...keyedByStream(who, before).keys(), ...keyedByStream(who, after).keys()])];
}

function stateOf(states: ReadonlyMap<string, ReservationState>, streamId: string): ReservationState {
  const state = states.get(streamId);
  if (!state) throw new Error(`Reservation stream ${streamId} was not loaded (see reservationStreamIds)`);
  return state;
}

/**
 * Claims the unique values `after` gains and releases those it loses (delete: `after` undefined releases all).
 * A value claimed by another owner is refused with 409 uniqueness (RFC 7644 §3.3, docs/entra-compatibility.md §31) — unless
 * `before` already held it, so that data from before reservations existed does not block unrelated updates.
 * A value this owner already holds decides nothing, so retries are idempotent; a case-only rename is no change.
 */
export function decideReservations(
  who: ReservationOwner,
  before: ScimResource | undefined,
  after: ScimResource | undefined,
  states: ReadonlyMap<string, ReservationState>,
): ReservationDecision[] {
  const held = keyedByStream(who, before);
  const wanted = keyedByStream(who, after);
  const decisions: ReservationDecision[] = [];
  const data = { owner: who.owner };
  for (const [streamId, key] of wanted) {
    const { owner } = stateOf(states, streamId);
    if (owner === who.owner || (owner !== undefined && held.has(streamId))) continue;
    if (owner !== undefined) throw uniqueness(`${key.kind} "${key.value}" is already in use`);
    decisions.push({ streamId, events: [{ type: 'UniqueValueClaimed', data }] });
  }
  for (const streamId of held.keys()) {
    if (wanted.has(streamId) || stateOf(states, streamId).owner !== who.owner) continue;
    decisions.push({ streamId, events: [{ type: 'UniqueValueReleased', data }] });
  }
  return decisions;
}
