// The bus contract against the Kafka adapter on a real Apache Kafka broker (KAFKA_BROKERS, or one started
// from tools/kafka); registers as skipped, with the reason, when neither is possible.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@scim-hub/event-store';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { kafkaForTests } from '@scim-hub/testing';
import type { BusPublisher } from '../bus.port';
import { busContract, type BusUnderTest } from '../testing';
import { appendInterleaved } from '../testing/append-interleaved';
import { createKafkaBus, kafkaGroupId } from './kafka-bus';
import { createKafkaClient } from './kafka-options';
import { openKafkaPublisher } from './kafka-publisher';

const kafka = kafkaForTests();

if (!kafka.ok) {
  console.warn(`skipped: no Kafka (${kafka.why})`);
  describe.skip(`Kafka bus (skipped: no Kafka — ${kafka.why})`, () => it('runs the bus contract', () => undefined));
} else {
  describe('Kafka bus (real broker)', () => {
    // A rebalance (a member joining or leaving) takes seconds on a real broker.
    jest.setTimeout(120_000);
    const store = createInMemoryEventStore();
    // Several partitions, so that the rebalance case really moves partitions between members.
    const options = { brokers: kafka.brokers, topic: `scim-hub-contract-${randomUUID().slice(0, 8)}`, partitions: 3 };
    let publisher: BusPublisher;
    let subject: BusUnderTest;

    beforeAll(async () => {
      publisher = await openKafkaPublisher(options);
      subject = {
        bus: createKafkaBus(options),
        emit: async (streams, perStream): Promise<RecordedEvent[]> => {
          const events = await appendInterleaved(store, streams, perStream);
          await publisher.publish(events);
          return events;
        },
        waitMs: 60_000,
      };
    }, 120_000);

    afterAll(async () => {
      await subject?.bus.close();
      await publisher?.close();
      await store.close();
      kafka.release();
    }, 120_000);

    busContract(() => subject);

    it('joins the Kafka group scoped by its topic, so deployments on other topics never share it', async () => {
      const member = await subject.bus.consume({ group: 'scoped', handle: async () => undefined });
      const admin = createKafkaClient(options).admin();
      await admin.connect();
      try {
        const { groups } = await admin.describeGroups([kafkaGroupId(options.topic, 'scoped'), 'scoped']);
        const scoped = groups.find((g) => g.groupId === `${options.topic}.scoped`);
        const bare = groups.find((g) => g.groupId === 'scoped');
        expect(scoped?.members).toHaveLength(1);
        expect(bare?.members ?? []).toHaveLength(0);
      } finally {
        await admin.disconnect();
        await member.stop();
      }
    });

    it('refuses a consumer that needs the log order on a topic with several partitions', async () => {
      await expect(subject.bus.consume({ group: 'ordered', requireLogOrder: true, handle: async () => undefined })).rejects.toThrow(
        /needs the log's order, but topic .* has 3 partitions/,
      );
    });
  });
}
