import { IDENTITY_EVENT_VERSION, type IdentityEvent } from '../events/identity-event';
import { isIdentityEventType, upcast, upcastReservationEvent } from './identity-upcasters';
import { createUpcaster, upcasterRegistry, type EventRecord } from './upcaster';

// A made-up history: GroupMembersRemoved v0 carried whole member objects; v1 carries only their values.
const membersRemovedV0toV1 = (record: EventRecord): EventRecord => {
  const { members } = record.data as { members: { value: string }[] };
  return { type: record.type, schemaVersion: 1, data: { values: members.map((m) => m.value) } };
};

describe('upcasting', () => {
  const withV0 = createUpcaster<IdentityEvent>(IDENTITY_EVENT_VERSION, upcasterRegistry([['GroupMembersRemoved', 0, membersRemovedV0toV1]]));

  it('reads a v0 event as the current v1 shape through the registry', () => {
    const v0 = { type: 'GroupMembersRemoved', schemaVersion: 0, data: { members: [{ value: 'u1', display: 'Alice' }] } };
    expect(withV0(v0)).toEqual({ type: 'GroupMembersRemoved', data: { values: ['u1'] } });
  });

  it('chains steps and follows a rename to the current type', () => {
    const chained = createUpcaster<IdentityEvent>(
      IDENTITY_EVENT_VERSION,
      upcasterRegistry([
        ['UserDisabled', 0, (r) => ({ type: 'UserDisabled', schemaVersion: 1, data: r.data })],
        ['UserDisabled', 1, () => ({ type: 'UserDeactivated', schemaVersion: 1, data: {} })],
      ]),
    );
    // `UserDisabled` is not a current type: it is readable only because the registry maps it away.
    expect(chained({ type: 'UserDisabled', schemaVersion: 0, data: { reason: 'x' } })).toEqual({ type: 'UserDeactivated', data: {} });
    expect(() => upcast({ type: 'UserDisabled', schemaVersion: 1, data: {} })).toThrow(/Unknown event type UserDisabled/);
  });

  it('passes current events through unchanged and drops the version', () => {
    const record = { type: 'UserUpdated', schemaVersion: 1, data: { changes: [{ attribute: 'title', value: 'Queen' }] } };
    expect(upcast(record)).toEqual({ type: 'UserUpdated', data: record.data });
    expect(upcastReservationEvent({ type: 'UniqueValueClaimed', schemaVersion: 1, data: { owner: 'u' } })).toEqual({
      type: 'UniqueValueClaimed',
      data: { owner: 'u' },
    });
  });

  it('refuses unknown types, versions from the future, missing steps and steps that do not advance', () => {
    expect(() => upcast({ type: 'UserExploded', schemaVersion: 1, data: {} })).toThrow(/Unknown event type/);
    expect(() => upcast({ type: 'UserCreated', schemaVersion: 2, data: {} })).toThrow(/newer than v1/);
    expect(() => upcast({ type: 'GroupMembersRemoved', schemaVersion: 0, data: {} })).toThrow(/No upcaster/);
    const stuck = createUpcaster<IdentityEvent>(IDENTITY_EVENT_VERSION, upcasterRegistry([['UserDeleted', 0, (r) => r]]));
    expect(() => stuck({ type: 'UserDeleted', schemaVersion: 0, data: {} })).toThrow(/does not advance/);
    const circle = createUpcaster<IdentityEvent>(
      IDENTITY_EVENT_VERSION,
      upcasterRegistry([
        ['A', 0, (r) => ({ ...r, type: 'B' })],
        ['B', 0, (r) => ({ ...r, type: 'A' })],
      ]),
    );
    expect(() => circle({ type: 'A', schemaVersion: 0, data: {} })).toThrow(/did not end/);
    expect(() => upcast({ type: 'toString', schemaVersion: 1, data: {} })).toThrow(/Unknown event type/);
  });

  it('tells identity event types from the other events of the global log', () => {
    expect(isIdentityEventType('GroupMembersAdded')).toBe(true);
    expect(isIdentityEventType('UniqueValueClaimed')).toBe(false);
    expect(isIdentityEventType('toString')).toBe(false);
  });
});
