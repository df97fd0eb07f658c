// The projection runner fed from a real Kafka topic (busProjectionSource, consumer group projection-scim)
// ends identical to one fed from the log, though the topic holds a stretch twice (the relay's at-least-once
// window); a rebuild of the bus-fed projection reads the log, and its consumer group then carries on from there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore, Position } from '@scim-hub/event-store';
import { openPostgresEventStore } from '@scim-hub/event-store/postgres';
import { readAllThrough } from '@scim-hub/event-store/testing';
import { ProjectionRunner } from '@scim-hub/event-store/projections';
import { busProjectionSource } from '@scim-hub/messaging';
import { createKafkaBus, openKafkaPublisher } from '@scim-hub/messaging/kafka';
import { SCIM_PROJECTION, scimProjection, type ReadModel } from '@scim-hub/read-model';
import { openSqliteReadModel } from '@scim-hub/read-model/sqlite';
import { snapshot } from '@scim-hub/read-model/testing';
import { kafkaForTests, postgresReachable, until } from '@scim-hub/testing';
import { TENANT, writeIdentityHistory } from './support/identity-writer';
import { temporaryDatabase } from './support/temporary-database';

const kafka = kafkaForTests();
const pg = postgresReachable();

if (!kafka.ok || !pg.ok) {
  const why = !kafka.ok ? `no Kafka (${kafka.why})` : `no PostgreSQL (${!pg.ok ? pg.why : ''})`;
  console.warn(`skipped: bus projection source — ${why}`);
  describe.skip(`projection runner fed from Kafka (skipped: ${why})`, () => it('projects like the log', () => undefined));
} else {
  describe('projection runner fed from Kafka (PostgreSQL store, real broker)', () => {
    jest.setTimeout(120_000);
    const topic = `scim-hub-bus-source-${randomUUID().slice(0, 8)}`;
    const dir = mkdtempSync(join(tmpdir(), 'bus-source-'));
    // What the client library reported (rebalances, crashes, restarts): shown when the bus-fed runner stalls.
    const clientLog: string[] = [];
    const bus = createKafkaBus({ brokers: kafka.brokers, topic, onClientLog: ({ level, message }) => void clientLog.push(`${new Date().toISOString()} ${level} ${message}`) });
    const closing: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];
    let database: { url: string; drop(): Promise<void> };
    let store: EventStore;

    beforeAll(async () => {
      database = await temporaryDatabase();
      store = await openPostgresEventStore({ connectionString: database.url });
    });
    afterAll(async () => {
      for (const c of closing.reverse()) await ('stop' in c ? c.stop() : c.close());
      await bus.close();
      await store?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
      kafka.release();
    });

    const runnerOver = async (name: string, fromBus: boolean): Promise<{ runner: ProjectionRunner; readModel: ReadModel }> => {
      const readModel = await openSqliteReadModel({ file: join(dir, `${name}.db`) });
      const runner = new ProjectionRunner(store, [scimProjection(readModel)], fromBus ? { source: busProjectionSource({ bus }) } : {});
      closing.push(readModel, runner);
      runner.start();
      return { runner, readModel };
    };
    const publish = async (events: Parameters<Awaited<ReturnType<typeof openKafkaPublisher>>['publish']>[0]) => {
      const publisher = await openKafkaPublisher({ brokers: kafka.brokers, topic });
      await publisher.publish(events);
      await publisher.close();
    };
    const reached = (runner: ProjectionRunner, last: Position) => async () => {
      const { position } = await runner.status(SCIM_PROJECTION);
      return position !== undefined && position === `${last.commit}:${last.prepare}`;
    };

    let first: Awaited<ReturnType<typeof writeIdentityHistory>>;
    let fromBus: Awaited<ReturnType<typeof runnerOver>>;
    let fromLog: Awaited<ReturnType<typeof runnerOver>>;

    it('ends identical to the log-fed runner, through duplicates', async () => {
      first = await writeIdentityHistory(store, 300);
      const logged = await readAllThrough(store, first.last);
      await publish(logged);
      await publish(logged.slice(50, 150)); // what a relay killed after the ack, before its checkpoint, sends again

      fromBus = await runnerOver('from-bus', true);
      fromLog = await runnerOver('from-log', false);
      await until(reached(fromBus.runner, first.last), 'the bus-fed runner at the head', 60_000, 20);
      await until(reached(fromLog.runner, first.last), 'the log-fed runner at the head', 60_000, 20);
      expect(await fromBus.runner.status(SCIM_PROJECTION)).toMatchObject({ state: 'running', source: 'bus', lagEvents: 0 });
      expect(await snapshot(fromBus.readModel, [TENANT])).toEqual(await snapshot(fromLog.readModel, [TENANT]));
    });

    it('follows the bus after a rebuild and a replay', async () => {
      await fromBus.runner.rebuild(SCIM_PROJECTION).finished;
      // A replay from 0 is a rebuild too (the read model cannot replay part of the log; the runner spec covers
      // a partial replay with a consumer-group-like source).
      await (await fromBus.runner.replay(SCIM_PROJECTION, { position: undefined })).finished;

      // The history writer's ids repeat: these are 20 more events on existing streams, not new users.
      const second = await writeIdentityHistory(store, 20);
      // What the relay would publish: the whole new stretch (a single read right after the writes can be a prefix on
      // PostgreSQL while another transaction in the cluster is still open; the relay reads again, this test waits).
      await publish(await readAllThrough(store, second.last, first.last));
      await until(reached(fromBus.runner, second.last), 'the bus-fed runner follows the bus after the rebuild', 60_000, 20).catch(async (error: Error) => {
        const status = await fromBus.runner.status(SCIM_PROJECTION);
        throw new Error(
          `${error.message}; wanted ${second.last.commit}:${second.last.prepare}, runner status ${JSON.stringify(status)}; client log:\n${clientLog.join('\n')}`,
        );
      });
      await until(reached(fromLog.runner, second.last), 'the log-fed runner at the new head', 60_000, 20);
      expect(await snapshot(fromBus.readModel, [TENANT])).toEqual(await snapshot(fromLog.readModel, [TENANT]));
      expect((await fromBus.readModel.list(TENANT, 'User', { startIndex: 1, count: 0, includeMembers: false })).totalResults).toBe(300);
    });
  });
}
