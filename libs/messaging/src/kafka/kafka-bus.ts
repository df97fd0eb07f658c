// The Kafka bus (HUB_BUS=kafka): each consume() is one member of a Kafka consumer group on the identity topic.
// Offsets are committed by hand after the handler (never on a timer), so delivery is at-least-once.
import type { Consumer, Kafka } from 'kafkajs';
import type { BusConsumer, ConsumeOptions, MessageBus } from '../bus.port';
import { kafkaBatchHandler } from './kafka-batch.handler';
import { createKafkaClient, type KafkaBusOptions } from './kafka-options';
import { ensureTopic } from './kafka-topic';

class KafkaGroupMember implements BusConsumer {
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly left: (member: KafkaGroupMember) => void,
  ) {}

  stop(): Promise<void> {
    this.stopping ??= this.consumer.disconnect().finally(() => this.left(this));
    return this.stopping;
  }
}

/**
 * The Kafka group id of the bus group `group` on `topic`: `<topic>.<group>`. Kafka's groups span topics, so two
 * deployments (or test runs) sharing a cluster with different topics would otherwise share `projection-scim`
 * and stall each other's rebalances; scoped by topic they never meet (docs/kafka.md "Consumer groups").
 */
export function kafkaGroupId(topic: string, group: string): string {
  return `${topic}.${group}`;
}

/** The Kafka adapter of the messaging port. */
export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly members = new Set<KafkaGroupMember>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaBusOptions,
  ) {}

  async consume(options: ConsumeOptions): Promise<BusConsumer> {
    const partitions = await ensureTopic(this.kafka, this.options.topic, this.options.partitions ?? 1);
    if (options.requireLogOrder && partitions !== 1) {
      throw new Error(
        `consumer group ${options.group} needs the log's order, but topic ${this.options.topic} has ${partitions} partitions (it needs 1; see docs/kafka.md)`,
      );
    }
    // Short session and heartbeat: a member that died is noticed (and its partitions reassigned) within seconds.
    // An idle fetch waits at most 1 s (not the client's 5 s), because leaving the group waits for it.
    const consumer = this.kafka.consumer({
      groupId: kafkaGroupId(this.options.topic, options.group),
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: kafkaBatchHandler(consumer, options) });
    const member = new KafkaGroupMember(consumer, (m) => this.members.delete(m));
    this.members.add(member);
    return member;
  }

  async close(): Promise<void> {
    await Promise.all([...this.members].map((member) => member.stop()));
  }
}

/** Creates the Kafka bus for the identity topic in `options`. */
export function createKafkaBus(options: KafkaBusOptions, kafka: Kafka = createKafkaClient(options)): MessageBus {
  return new KafkaBus(kafka, options);
}
