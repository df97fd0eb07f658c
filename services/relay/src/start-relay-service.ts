import type { HubConfig, HubLogger } from '@scim-hub/platform';
import { openKafkaPublisher } from '@scim-hub/messaging/kafka';
import { postgresRelayLease } from '@scim-hub/messaging/postgres';
import { singleProcessLease, startRelay, type Relay } from '@scim-hub/messaging/relay';
import { openRelayStore } from './relay-store';

/** The relay service: the store's log → the Kafka topic, one active relay per store (see docs/kafka.md). */
export async function startRelayService(config: HubConfig, logger: HubLogger, exit: (code: number) => void): Promise<() => Promise<void>> {
  if (config.kafkaBrokers.length === 0) throw new Error('the relay needs KAFKA_BROKERS');
  const store = await openRelayStore(config);
  const publisher = await openKafkaPublisher({ brokers: config.kafkaBrokers, topic: config.kafkaTopic, clientId: 'scim-hub-relay' });
  const lease =
    config.store === 'postgres' && config.databaseUrl
      ? postgresRelayLease({ connectionString: config.databaseUrl, name: `scim-hub relay ${config.kafkaTopic}` })
      : singleProcessLease();
  logger.info({ topic: config.kafkaTopic }, 'relay waiting for the lease');
  const relay: Relay = startRelay({
    store,
    publisher,
    lease,
    checkpointName: `relay:${config.kafkaTopic}`,
    onActive: (from) => logger.info({ from: from ? `${from.commit}:${from.prepare}` : 'start' }, 'relay active'),
    onPublished: (count) => logger.debug({ count }, 'published'),
    onError: (error) => logger.warn({ err: error }, 'relay batch failed; retrying'),
    onLeaseLost: (error) => {
      logger.fatal({ err: error }, 'relay lease lost; exiting so that a standby takes over');
      exit(1);
    },
  });
  relay.active.catch((error) => {
    logger.fatal({ err: error }, 'relay failed to start');
    exit(1);
  });
  return async () => {
    await relay.stop();
    await publisher.close();
    await store.close();
  };
}
