// Creates the topic when it is missing, and reads how many partitions it has (log order needs exactly one).
import type { Kafka } from 'kafkajs';

/** Creates `topic` with `partitions` unless it exists; returns its actual partition count. */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      // replicationFactor -1: the broker's default.replication.factor (1 on a single-node broker).
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }], waitForLeaders: true });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}
