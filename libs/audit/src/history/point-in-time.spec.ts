import { RecordedLog } from '../testing';
import { parsePointInTime, resourceAt } from './point-in-time';

describe('parsePointInTime', () => {
  it.each([
    ['0', { revision: 0 }],
    ['12', { revision: 12 }],
    ['2025-03-01T10:00:01Z', { time: '2025-03-01T10:00:01.000Z' }],
    ['2025-03-01T12:00:01.5+02:00', { time: '2025-03-01T10:00:01.500Z' }],
  ])('reads %s', (text, expected) => expect(parsePointInTime(text)).toEqual(expected));

  it.each(['', '-1', '1.5', 'yesterday', '2025-03-01', '2025-13-01T00:00:00Z', '1e3'])('refuses %j', (text) => {
    expect(parsePointInTime(text)).toBeUndefined();
  });
});

describe('resourceAt', () => {
  const log = new RecordedLog();
  const created = log.add('acme/Group/g1', 'GroupCreated', { id: 'g1', resource: { displayName: 'Sales' }, members: [{ value: 'u2' }] });
  const added = log.add('acme/Group/g1', 'GroupMembersAdded', { members: [{ value: 'u1' }] });
  const renamed = log.add('acme/Group/g1', 'GroupUpdated', { changes: [{ attribute: 'displayName', value: 'Sales EU' }] });
  log.add('acme/Group/g1', 'GroupDeleted', {});

  it('folds up to a revision, members ordered by value, meta times from the events', () => {
    expect(resourceAt(log.events, { revision: 1 })).toEqual({
      resource: { id: 'g1', displayName: 'Sales', members: [{ value: 'u1' }, { value: 'u2' }] },
      version: 1,
      created: created.metadata.time,
      lastModified: added.metadata.time,
      erased: false,
    });
  });

  it('folds up to a moment (inclusive)', () => {
    expect(resourceAt(log.events, { time: renamed.metadata.time })?.resource['displayName']).toBe('Sales EU');
    expect(resourceAt(log.events, { time: '2000-01-01T00:00:00.000Z' })).toBeUndefined();
  });

  it('is undefined after the delete', () => {
    expect(resourceAt(log.events, { revision: 3 })).toBeUndefined();
  });

  it('keeps only the id of an erased user', () => {
    const erased = new RecordedLog();
    erased.add('acme/User/u1', 'UserCreated', { erased: true, id: 'u1', resource: {} });
    erased.add('acme/User/u1', 'UserUpdated', { erased: true, changes: [] });
    expect(resourceAt(erased.events, { revision: 1 })).toMatchObject({ resource: { id: 'u1' }, version: 1, erased: true });
  });
});
