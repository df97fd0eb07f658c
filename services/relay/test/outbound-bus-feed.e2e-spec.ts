// An outbound engine whose change feed is the Kafka topic (busChangeFeed, consumer group outbound-<target>),
// against a real broker and a real SCIM target: the initial sync catches up from the log, later changes come
// from the topic, and records delivered again (the relay's at-least-once window) create nothing twice.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@scim-hub/event-store';
import { busChangeFeed } from '@scim-hub/messaging';
import { createKafkaBus, openKafkaPublisher } from '@scim-hub/messaging/kafka';
import { openOutboundHarness, TARGET_TOKEN, targetDefinition, type OutboundHarness } from '@scim-hub/outbound/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { kafkaForTests, until } from '@scim-hub/testing';

const kafka = kafkaForTests();

if (!kafka.ok) {
  console.warn(`skipped: outbound bus feed — no Kafka (${kafka.why})`);
  describe.skip(`outbound engine fed from Kafka (skipped: no Kafka — ${kafka.why})`, () => it('converges', () => undefined));
} else {
  describe('outbound engine fed from Kafka (real broker, SQLite store)', () => {
    jest.setTimeout(120_000);
    const topic = `scim-hub-outbound-feed-${randomUUID().slice(0, 8)}`;
    const bus = createKafkaBus({ brokers: kafka.brokers, topic });
    let harness: OutboundHarness;
    let target: ScimTarget;

    beforeAll(async () => {
      harness = await openOutboundHarness();
      target = await startScimTarget({ token: TARGET_TOKEN });
    });
    afterAll(async () => {
      await harness?.close();
      await bus.close();
      await target?.stop();
      kafka.release();
    });

    const publish = async (events: RecordedEvent[]) => {
      const publisher = await openKafkaPublisher({ brokers: kafka.brokers, topic });
      await publisher.publish(events);
      await publisher.close();
    };

    it('converges from the log, then follows the topic; duplicates change nothing', async () => {
      for (let i = 0; i < 10; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
      await harness.writer.createGroup('g-1', 'Team', ['u-1', 'u-2', 'u-3']);
      await publish(await harness.eventStore.readAll({}));
      harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
      const { engine } = await harness.startEngine({ changeFeed: busChangeFeed({ bus, store: harness.eventStore }) });
      await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.stats()).groupCreates === 1, 'initial sync', 30_000, 20);

      const head = (await harness.eventStore.readAll({})).at(-1)!.position;
      await harness.writer.createUser('u-new', { userName: 'new@example.com' });
      await harness.writer.addMembers('g-1', ['u-new']);
      const logged = await harness.eventStore.readAll({});
      await publish([...logged, ...(await harness.eventStore.readAll({ after: head }))]);
      await until(async () => ((await target.list('Groups'))[0]?.['members'] as unknown[] | undefined)?.length === 4, 'the change from the topic delivered', 30_000, 20);
      await until(async () => (await engine.status('t1')).lagEvents === 0, 'cursor at the head', 30_000, 20);
      expect(await target.stats()).toMatchObject({ userCreates: 11, groupCreates: 1 });
      expect(await engine.resourceStatus('t1', 'Users', 'u-new')).toMatchObject({ delivered: true, lastAnswer: { status: 201 } });
    });
  });
}
