import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import type { NewEvent, Position } from '@scim-hub/event-store';
import { MemorySubjectKeyStore } from '../testing';
import { protectPersonalData } from './protected-event-store';
import { eraseUser } from './user-eraser';

const context = { actor: 'admin', requestId: 'req-erase', clientAddress: '10.0.0.9' };
const created: NewEvent = { id: 'e1', type: 'UserCreated', schemaVersion: 1, data: { id: 'u1', resource: { userName: 'alice' } }, metadata: { tenant: 'acme', time: '2025-01-01T00:00:00.000Z' } };

async function setup() {
  const keys = new MemorySubjectKeyStore();
  const store = await protectPersonalData(createInMemoryEventStore(), keys);
  const steps: string[] = [];
  const deps = {
    store,
    deleteUser: async () => (steps.push(`delete, key present: ${keys.keys.has('acme/User/u1')}`), undefined),
    purge: async (position: Position) => void steps.push(`purge after ${position.commit}, key present: ${keys.keys.has('acme/User/u1')}`),
    now: () => new Date('2025-02-01T00:00:00.000Z'),
  };
  return { store, keys, steps, deps };
}

describe('eraseUser', () => {
  it('deletes, destroys the key, records UserErased with the eraser, then purges', async () => {
    const { store, steps, deps } = await setup();
    await store.appendToStream('acme/User/u1', 'no_stream', [created]);
    expect(await eraseUser(deps, 'acme', 'u1', context)).toEqual({ tenant: 'acme', id: 'u1', keyDestroyed: true, erasedAt: '2025-02-01T00:00:00.000Z' });
    const [record] = await store.readStream('acme/Erasure/User/u1');
    expect(record).toMatchObject({
      type: 'UserErased',
      data: { userId: 'u1', keyDestroyed: true },
      metadata: { tenant: 'acme', actor: 'admin', requestId: 'req-erase', clientAddress: '10.0.0.9', time: '2025-02-01T00:00:00.000Z' },
    });
    expect(steps).toEqual(['delete, key present: true', `purge after ${record.position.commit}, key present: false`]);
    expect((await store.readStream('acme/User/u1'))[0].data).toEqual({ erased: true, id: 'u1', resource: {} });
  });

  it('refuses an unknown user with a 404 and changes nothing', async () => {
    const { store, steps, deps } = await setup();
    await expect(eraseUser(deps, 'acme', 'nobody', context)).rejects.toMatchObject({ status: 404 });
    expect(steps).toEqual([]);
    expect(await store.readAll()).toEqual([]);
  });
});
