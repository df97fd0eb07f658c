// The engine over the PostgreSQL delivery state (scale-out mode): converges, and a second engine over the same
// schema takes over without creating anything twice.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresReachable, TEST_DATABASE_URL, until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { OutboundEngine } from '../engine/outbound-engine';
import type { DeliveryStateStore } from '../state/delivery-state.port';
import type { EventStore } from '@scim-hub/event-store';
import { openPostgresEventStore } from '@scim-hub/event-store/postgres';
import {
  FAST_TIMING,
  IdentityWriter,
  InMemoryTargetSource,
  openOutboundHarness,
  TARGET_TOKEN,
  targetDefinition,
  type OutboundHarness,
} from '../testing';
import { openPostgresDeliveryState } from './postgres-delivery-state';

const reachable = postgresReachable();

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

if (reachable.ok) {
  describe('outbound engine over the PostgreSQL delivery state', () => {
    const schema = `outbound_engine_${randomBytes(6).toString('hex')}`;
    let harness: OutboundHarness;
    let target: ScimTarget;
    const opened: { engine: OutboundEngine; state: DeliveryStateStore }[] = [];

    const start = async () => {
      const state = await openPostgresDeliveryState({ connectionString: TEST_DATABASE_URL, schema });
      const engine = new OutboundEngine({ eventStore: harness.eventStore, deliveryState: state, targets: harness.targets, ...FAST_TIMING });
      opened.push({ engine, state });
      await engine.start();
      return engine;
    };

    beforeAll(async () => {
      harness = await openOutboundHarness();
      target = await startScimTarget({ token: TARGET_TOKEN });
    });
    afterAll(async () => {
      for (const { engine, state } of opened) {
        await engine.stop();
        await state.close();
      }
      await harness.close();
      await target.stop();
      await dropSchema(schema);
    });

    it('converges, and a new engine over the same schema creates nothing twice', async () => {
      for (let i = 0; i < 20; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
      await harness.writer.createGroup('g-1', 'Team', ['u-1', 'u-2', 'u-3']);
      harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
      const first = await start();
      await until(async () => (await first.status('t1')).lagEvents === 0 && (await target.stats()).groupCreates === 1, 'delivered', 20_000, 20);
      await first.stop();

      await harness.writer.createUser('u-new', { userName: 'new@example.com' });
      await harness.writer.addMembers('g-1', ['u-new']);
      const second = await start();
      await until(async () => (await second.status('t1')).lagEvents === 0, 'caught up', 20_000, 20);
      const group = (await target.list('Groups'))[0];
      expect((group?.['members'] as unknown[]).length).toBe(4);
      expect(await target.stats()).toMatchObject({ userCreates: 21, groupCreates: 1 });
      expect(await second.resourceStatus('t1', 'Users', 'u-new')).toMatchObject({ delivered: true, lastAnswer: { status: 201 } });
    });
  });

  describe('outbound engine in scale-out mode (PostgreSQL event store and delivery state)', () => {
    const suffix = randomBytes(6).toString('hex');
    let eventStore: EventStore;
    let state: DeliveryStateStore;
    let engine: OutboundEngine;
    let target: ScimTarget;

    beforeAll(async () => {
      eventStore = await openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: `outbound_events_${suffix}`, pollIntervalMs: 100 });
      state = await openPostgresDeliveryState({ connectionString: TEST_DATABASE_URL, schema: `outbound_state_${suffix}` });
      target = await startScimTarget({ token: TARGET_TOKEN });
    });
    afterAll(async () => {
      await engine?.stop();
      await state.close();
      await eventStore.close();
      await target.stop();
      await dropSchema(`outbound_events_${suffix}`);
      await dropSchema(`outbound_state_${suffix}`);
    });

    it('follows the PostgreSQL log: creates, memberships in target ids, then a rename', async () => {
      const writer = new IdentityWriter(eventStore);
      const targets = new InMemoryTargetSource();
      targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
      engine = new OutboundEngine({ eventStore, deliveryState: state, targets, ...FAST_TIMING });
      await engine.start();
      for (let i = 0; i < 10; i++) await writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
      await writer.createGroup('g-1', 'Team', ['u-1', 'u-2']);
      await writer.updateUser('u-3', { attribute: 'userName', value: 'renamed@example.com' });
      await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.stats()).groupCreates === 1, 'delivered', 20_000, 20);
      const users = await target.list('Users');
      expect(users.map((u) => u['userName']).sort()).toContain('renamed@example.com');
      const ids = ['u1@example.com', 'u2@example.com'].map((name) => users.find((u) => u['userName'] === name)?.['id']).sort();
      const members = ((await target.list('Groups'))[0]?.['members'] as { value: string }[]).map((m) => m.value).sort();
      expect(members).toEqual(ids);
      expect((await target.stats()).userCreates).toBe(10);
    });
  });
} else {
  describe.skip(`outbound engine over the PostgreSQL delivery state — skipped: ${reachable.why}`, () => {
    it('needs a reachable PostgreSQL', () => undefined);
  });
}
