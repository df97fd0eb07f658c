import { InMemoryEventStore } from '@scim-hub/event-store/memory';
import { IdentityWriter } from '../testing/identity-writer';
import { SourceReader } from './source-reader';

describe('SourceReader', () => {
  it('folds a stream, then only what was appended since, to the resource as it is now', async () => {
    const store = new InMemoryEventStore();
    const writer = new IdentityWriter(store);
    const reader = new SourceReader(store, 'default');
    const key = { resourceType: 'Groups' as const, sourceId: 'g' };
    expect(await reader.current(key)).toBeUndefined();
    await writer.createGroup('g', 'Team', ['u-1']);
    expect(await reader.current(key)).toMatchObject({ id: 'g', displayName: 'Team', members: [{ value: 'u-1' }] });
    await writer.addMembers('g', ['u-2']);
    await writer.removeMembers('g', ['u-1']);
    await writer.updateGroup('g', { attribute: 'displayName', value: 'Renamed' });
    expect(await reader.current(key)).toMatchObject({ displayName: 'Renamed', members: [{ value: 'u-2', type: 'User' }] });
    expect(await reader.everMembers('g')).toEqual(['u-1', 'u-2']);
    await writer.deleteGroup('g');
    expect(await reader.current(key)).toBeUndefined();
    await store.close();
  });

  it('lists every live user and group of its tenant only', async () => {
    const store = new InMemoryEventStore();
    await new IdentityWriter(store).createUser('u-1', { userName: 'one' });
    await new IdentityWriter(store).createUser('u-2', { userName: 'two' });
    await new IdentityWriter(store).deleteUser('u-2');
    await new IdentityWriter(store, 'other').createUser('u-3', { userName: 'three' });
    const all = await new SourceReader(store, 'default').all();
    expect([...all.values()].map((entry) => entry.key)).toEqual([{ resourceType: 'Users', sourceId: 'u-1' }]);
    await store.close();
  });
});
