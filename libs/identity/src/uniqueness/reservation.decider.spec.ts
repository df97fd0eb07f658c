import { isScimError, type ScimResource } from '@scim-hub/scim';
import { foldEvents } from '../decider';
import type { IdentityEvent, UserEvent } from '../events/identity-event';
import { admins, alice, GROUP_ID, USER_ID, userCreated } from '../testing/fixtures/identity.fixtures';
import { userDecider } from '../user/user.decider';
import type { UserCommand } from '../user/user.commands';
import { decideReservations, reservationStreamIds, type ReservationOwner } from './reservation.decider';
import type { ReservationEvent } from './reservation.events';
import { evolveReservation, initialReservationState, type ReservationState } from './reservation.state';
import { reservationStreamId, uniquenessKeys } from './uniqueness-key';

const TENANT = 'acme';
const ALICE: ReservationOwner = { tenant: TENANT, resourceType: 'User', owner: USER_ID };
const stream = (userName: string) => reservationStreamId(TENANT, { kind: 'userName', key: userName.toLowerCase() });
const claimed = (owner: string): ReservationEvent => ({ type: 'UniqueValueClaimed', data: { owner } });
const released = (owner: string): ReservationEvent => ({ type: 'UniqueValueReleased', data: { owner } });

/** What the application layer does: fold each stream named by reservationStreamIds (empty stream = free). */
function load(streams: Record<string, ReservationEvent[]>, ids: string[]): Map<string, ReservationState> {
  return new Map(ids.map((id) => [id, (streams[id] ?? []).reduce(evolveReservation, initialReservationState())]));
}

/** Runs a user command like the application layer: decide, evolve, then decide the reservations. */
function reserveFor(history: IdentityEvent[], command: UserCommand, streams: Record<string, ReservationEvent[]> = {}) {
  const decider = userDecider();
  const state = foldEvents(decider, history as UserEvent[]);
  const after = foldEvents(decider, decider.decide(command, state), state);
  const before: ScimResource | undefined = state.exists ? state.resource : undefined;
  const next: ScimResource | undefined = after.exists ? after.resource : undefined;
  return decideReservations(ALICE, before, next, load(streams, reservationStreamIds(ALICE, before, next)));
}

function refusal(run: () => unknown): { status: number; scimType?: string } {
  try {
    run();
  } catch (e) {
    if (isScimError(e)) return { status: e.status, scimType: e.scimType };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('uniqueness keys', () => {
  it('lower-cases userName and group displayName into per-tenant stream ids', () => {
    expect(uniquenessKeys('User', alice())).toEqual([{ kind: 'userName', key: 'alice@contoso.com', value: 'Alice@contoso.com' }]);
    expect(uniquenessKeys('Group', admins())).toEqual([{ kind: 'displayName', key: 'admins', value: 'Admins' }]);
    expect(uniquenessKeys('User', undefined)).toEqual([]);
    expect(reservationStreamId(TENANT, { kind: 'userName', key: 'a/b c@x' })).toBe('acme/Unique/userName/a%2Fb%20c%40x');
  });
});

describe('decideReservations', () => {
  it('claims the userName on create', () => {
    expect(reserveFor([], { type: 'CreateUser', id: USER_ID, resource: alice() })).toEqual([
      { streamId: stream('alice@contoso.com'), events: [claimed(USER_ID)] },
    ]);
  });

  it('refuses a create whose userName another user holds, in any case (409 uniqueness)', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed('someone-else')] };
    const create: UserCommand = { type: 'CreateUser', id: USER_ID, resource: alice({ userName: 'ALICE@CONTOSO.COM' }) };
    expect(refusal(() => reserveFor([], create, streams))).toEqual({ status: 409, scimType: 'uniqueness' });
  });

  it('claims a userName that its previous owner released', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed('old'), released('old')] };
    expect(reserveFor([], { type: 'CreateUser', id: USER_ID, resource: alice() }, streams)).toHaveLength(1);
  });

  it('releases the old and claims the new userName on rename', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed(USER_ID)] };
    const rename: UserCommand = { type: 'PatchUser', operations: [{ op: 'replace', path: 'userName', value: 'alicia@contoso.com' }] };
    expect(reserveFor([userCreated()], rename, streams)).toEqual([
      { streamId: stream('alicia@contoso.com'), events: [claimed(USER_ID)] },
      { streamId: stream('alice@contoso.com'), events: [released(USER_ID)] },
    ]);
  });

  it('refuses a rename onto a userName another user holds', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed(USER_ID)], [stream('bob@contoso.com')]: [claimed('bob')] };
    const rename: UserCommand = { type: 'ReplaceUser', resource: alice({ userName: 'Bob@contoso.com' }) };
    expect(refusal(() => reserveFor([userCreated()], rename, streams))).toEqual({ status: 409, scimType: 'uniqueness' });
  });

  it('decides nothing for a case-only rename or an update that keeps the userName', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed(USER_ID)] };
    expect(reserveFor([userCreated()], { type: 'ReplaceUser', resource: alice({ userName: 'ALICE@contoso.com' }) }, streams)).toEqual([]);
    expect(reserveFor([userCreated()], { type: 'ReplaceUser', resource: alice({ title: 'Queen' }) }, streams)).toEqual([]);
  });

  it('releases the userName on delete', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed(USER_ID)] };
    expect(reserveFor([userCreated()], { type: 'DeleteUser' }, streams)).toEqual([
      { streamId: stream('alice@contoso.com'), events: [released(USER_ID)] },
    ]);
  });

  it('is idempotent: a claim already held by this owner decides nothing', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed(USER_ID)] };
    expect(decideReservations(ALICE, undefined, alice(), load(streams, [stream('alice@contoso.com')]))).toEqual([]);
  });

  it('does not block an update of a user whose existing userName is held by another owner (pre-reservation data)', () => {
    const streams = { [stream('alice@contoso.com')]: [claimed('legacy')] };
    const states = load(streams, [stream('alice@contoso.com')]);
    expect(decideReservations(ALICE, alice(), alice({ title: 'Queen' }), states)).toEqual([]);
    expect(decideReservations(ALICE, alice(), undefined, states)).toEqual([]);
  });

  it('reserves group displayNames the same way (docs/entra-compatibility.md §33)', () => {
    const group: ReservationOwner = { tenant: TENANT, resourceType: 'Group', owner: GROUP_ID };
    const id = reservationStreamId(TENANT, { kind: 'displayName', key: 'admins' });
    expect(decideReservations(group, undefined, admins(), load({}, [id]))).toEqual([{ streamId: id, events: [claimed(GROUP_ID)] }]);
    const taken = load({ [id]: [claimed('other-group')] }, [id]);
    expect(refusal(() => decideReservations(group, undefined, admins([], { displayName: 'ADMINS' }), taken))).toEqual({
      status: 409,
      scimType: 'uniqueness',
    });
  });

  it('fails loudly when the application layer did not load a stream it must check', () => {
    expect(() => decideReservations(ALICE, undefined, alice(), new Map())).toThrow(/was not loaded/);
  });
});

describe('evolveReservation', () => {
  it('frees a value only when its owner releases it', () => {
    const state = [claimed('a'), released('b')].reduce(evolveReservation, initialReservationState());
    expect(state).toEqual({ owner: 'a' });
    expect(evolveReservation(state, released('a'))).toEqual({ owner: undefined });
  });
});
