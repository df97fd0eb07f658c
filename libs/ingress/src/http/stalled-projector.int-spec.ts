// Real HTTP against the SCIM API composed on a real SQLite read model whose projector has stalled: a write
// commits, its read-your-writes wait runs out, and the client still gets the normal success answer, built
// from the decided state (docs/operations.md "Writes the read model is slow to show").
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore } from '@scim-hub/access/memory';
import { AccessModule } from '@scim-hub/access/nest';
import { type EventStore, type Position, WaitForTimeout } from '@scim-hub/event-store';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { PlatformModule, createHttpApp, loadConfig } from '@scim-hub/platform';
import { capturedLogger } from '@scim-hub/platform/testing';
import { type ReadModel, rebuildReadModel } from '@scim-hub/read-model';
import { openSqliteReadModel } from '@scim-hub/read-model/sqlite';
import { USER_SCHEMA } from '@scim-hub/scim';
import { ScimModule } from '../scim.module';

describe('SCIM writes while the projector is stalled', () => {
  let dir: string;
  let store: EventStore;
  let readModel: ReadModel;
  let app: NestFastifyApplication;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-stalled-'));
    store = createInMemoryEventStore();
    readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
    const tokens = new MemoryTokenStore();
    token = (await tokens.create('acme', 'test')).token;
    const stalled = { waitFor: (position: Position) => Promise.reject(new WaitForTimeout(position, 1)) };
    const config = loadConfig({});
    const { logger } = capturedLogger();
    @Module({
      imports: [
        PlatformModule.forRoot({ config, logger }),
        AccessModule.forRoot({ store: tokens }),
        ScimModule.forRoot({ eventStore: store, readModel, projection: stalled, options: { publicUrl: 'https://hub.example', maxPageSize: 100, projectionWaitMs: 1 } }),
      ],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, config, { logger });
  });
  afterAll(async () => {
    await app.close();
    await readModel.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
    app.getHttpAdapter().getInstance().inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' } });

  it('answers 201 with the created resource, and a client retrying that create would meet it (409)', async () => {
    const created = await call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'stalled@example.com', displayName: 'Stalled' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(created.headers['etag']).toBe('W/"0"');
    expect(created.headers['location']).toBe(`https://hub.example/scim/v2/Users/${body.id}`);
    expect(body).toMatchObject({ userName: 'stalled@example.com', displayName: 'Stalled', meta: { resourceType: 'User', version: 'W/"0"' } });
    expect(body.meta.created).toBe(body.meta.lastModified);

    // Not visible yet: the read model is behind. That is what the answer above must not depend on.
    expect((await call('GET', `/scim/v2/Users/${body.id}`)).statusCode).toBe(404);
    expect((await call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'stalled@example.com' })).statusCode).toBe(409);

    const replaced = await call('PUT', `/scim/v2/Users/${body.id}`, { schemas: [USER_SCHEMA], userName: 'stalled@example.com', title: 'After' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers['etag']).toBe('W/"1"');
    expect(replaced.json()).toMatchObject({ title: 'After', meta: { created: body.meta.created, version: 'W/"1"' } });

    // Once the read model catches up it shows exactly what the answers said.
    await rebuildReadModel(store, readModel);
    const read = await call('GET', `/scim/v2/Users/${body.id}`);
    expect(read.json()).toMatchObject({ title: 'After', meta: { created: body.meta.created, version: 'W/"1"' } });
  });
});
