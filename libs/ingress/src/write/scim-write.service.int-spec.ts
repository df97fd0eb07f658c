// A write whose events are appended but whose read-your-writes wait runs out (or whose read-back finds the
// read model down) answers from the state the writer decided: never an error a client would retry into a 409.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type Position, StreamRevisionConflict, WaitForTimeout } from '@scim-hub/event-store';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import type { ReadModel } from '@scim-hub/read-model';
import { ReadModelUnavailable } from '@scim-hub/read-model';
import { openSqliteReadModel } from '@scim-hub/read-model/sqlite';
import { GROUP_SCHEMA, GROUP, USER, USER_SCHEMA, isScimError } from '@scim-hub/scim';
import { ResourceReader } from '../read/resource-reader';
import { ResourceWriter } from './resource-writer';
import { ScimWriteService } from './scim-write.service';
import type { WriteContext } from './write-context';

const ctx: WriteContext = { tenant: 'acme', requestId: 'req-1', actor: 'token-1' };
const schemas = { User: USER, Group: GROUP };
const neverCatchesUp = { waitFor: (position: Position) => Promise.reject(new WaitForTimeout(position, 1)) };

describe('ScimWriteService when the read model does not show a committed write', () => {
  let dir: string;
  let store: EventStore;
  let readModel: ReadModel;
  let service: ScimWriteService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-write-'));
    store = createInMemoryEventStore();
    // Never projected: anything the service answered from it would be a 404.
    readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
    const writer = new ResourceWriter(store, () => new Date('2026-05-01T10:00:00.000Z'));
    service = new ScimWriteService(writer, new ResourceReader(readModel, schemas, 'https://hub'), neverCatchesUp, schemas, 1, 'https://hub');
  });
  afterEach(async () => {
    await readModel.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a create from the decided state, with meta and version, and the event is in the log', async () => {
    const written = await service.create(ctx, 'User', { schemas: [USER_SCHEMA], userName: 'slow@example.com', title: 'x' });
    expect(written.version).toBe(0);
    expect(written.resource).toMatchObject({
      schemas: [USER_SCHEMA],
      id: written.id,
      userName: 'slow@example.com',
      title: 'x',
      meta: { resourceType: 'User', created: '2026-05-01T10:00:00.000Z', lastModified: '2026-05-01T10:00:00.000Z', version: 'W/"0"', location: `https://hub/scim/v2/Users/${written.id}` },
    });
    expect((await store.readStream(`acme/User/${written.id}`)).map((e) => e.type)).toEqual(['UserCreated']);
  });

  it('answers a replace with the created time of the first event and the new version', async () => {
    const { id } = await service.create(ctx, 'User', { schemas: [USER_SCHEMA], userName: 'put@example.com' });
    const replaced = await service.replace(ctx, 'User', id, { schemas: [USER_SCHEMA], userName: 'put@example.com', title: 'new' });
    expect(replaced.version).toBe(1);
    expect(replaced.resource).toMatchObject({ title: 'new', meta: { created: '2026-05-01T10:00:00.000Z', version: 'W/"1"' } });
  });

  it('answers a group create with its members, and a group PATCH and a delete with no body', async () => {
    const member = await service.create(ctx, 'User', { schemas: [USER_SCHEMA], userName: 'member@example.com' });
    const group = await service.create(ctx, 'Group', { schemas: [GROUP_SCHEMA], displayName: 'Slow', members: [{ value: member.id }] });
    expect(group.resource['members']).toEqual([expect.objectContaining({ value: member.id })]);
    const ops = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove', path: 'members' }] };
    await expect(service.patch(ctx, 'Group', group.id, ops)).resolves.toBeUndefined();
    await expect(service.delete(ctx, 'User', member.id)).resolves.toBeUndefined();
  });

  it('answers from the decided state when reading the write back finds the read model unavailable', async () => {
    const reader = { get: () => Promise.reject(new ReadModelUnavailable('read model database unavailable (57P01)')) };
    const caughtUp = { waitFor: async () => undefined };
    const writer = new ResourceWriter(store);
    const down = new ScimWriteService(writer, reader as unknown as ResourceReader, caughtUp, schemas, 1, 'https://hub');
    const written = await down.create(ctx, 'User', { schemas: [USER_SCHEMA], userName: 'rm-down@example.com' });
    expect(written.resource['userName']).toBe('rm-down@example.com');
    // A user create never reads back; a replace does, and meets the read model down.
    const replaced = await down.replace(ctx, 'User', written.id, { schemas: [USER_SCHEMA], userName: 'rm-down@example.com', title: 'after' });
    expect(replaced.resource).toMatchObject({ title: 'after', meta: { version: 'W/"1"' } });
  });

  it('waits for the read model once per user create, also when the wait runs out', async () => {
    let waits = 0;
    const counting = { waitFor: (position: Position) => (waits++, neverCatchesUp.waitFor(position)) };
    const reader = new ResourceReader(readModel, schemas, 'https://hub');
    const slow = new ScimWriteService(new ResourceWriter(store), reader, counting, schemas, 1, 'https://hub');
    const written = await slow.create(ctx, 'User', { schemas: [USER_SCHEMA], userName: 'once@example.com' });
    expect(written.resource['userName']).toBe('once@example.com');
    expect(waits).toBe(1);
  });
});

describe('ResourceWriter under endless contention', () => {
  it('gives up after its retries with 503, not a 500', async () => {
    const store = createInMemoryEventStore();
    const contended = Object.create(store) as EventStore;
    contended.appendToStream = (streamId) => Promise.reject(new StreamRevisionConflict(streamId, 0, 1));
    contended.appendMulti = ([first]) => Promise.reject(new StreamRevisionConflict(first.streamId, 0, 1));
    const writer = new ResourceWriter(contended);
    const error = await writer.execute(ctx, 'User', 'u1', { kind: 'create', id: 'u1', resource: { schemas: [USER_SCHEMA], userName: 'a' } }).catch((e: unknown) => e);
    expect(isScimError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, detail: 'User u1 is being changed by other requests; retry later' });
    await store.close();
  });
});
