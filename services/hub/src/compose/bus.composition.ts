// ── Event distribution ── HUB_BUS=log: the projection runner follows the store's log (embedded default).
// HUB_BUS=kafka: every projection of the runner consumes the Kafka topic in its own consumer group
// (`projection-<name>`), and the relay (log → topic) runs in this process unless HUB_KAFKA_RELAY=external names
// a separate relay service.
import type { EventStore, RecordedEvent } from '@scim-hub/event-store';
import type { ProjectionSource } from '@scim-hub/event-store/projections';
import type { MessageBus } from '@scim-hub/messaging';
import type { HubConfig } from '@scim-hub/platform';
import { runEmbeddedRelay } from './embedded-relay';
import type { CompositionServices } from './scim.composition';

/**
 * The log as stored and as read: `raw` holds user event data sealed with per-user keys (docs/audit.md), `store`
 * reads it opened. The relay publishes the raw log, so a topic never holds personal data in clear and an erasure
 * reaches its copies too; consumers open what they receive.
 */
export interface SealedLog {
  raw: EventStore;
  store: EventStore;
  open(events: RecordedEvent[]): Promise<RecordedEvent[]>;
}

/**
 * HUB_BUS=kafka: starts the embedded relay (unless external) and returns the runner's source on the topic; the
 * runner keeps leases, status, read-your-writes and rebuilds as with the log.
 */
export async function openBusProjectionSource(config: HubConfig, log: SealedLog, services: CompositionServices): Promise<ProjectionSource> {
  const { busProjectionSource } = await import('@scim-hub/messaging');
  if (config.kafkaRelay === 'embedded') await startEmbeddedRelay(config, log.raw, services);
  const bus = await openMessageBus(config, log.store, services);
  return busProjectionSource({ bus, open: (events) => log.open(events) });
}

/**
 * The bus HUB_BUS names, for every consumer group of this process (read model, projections, outbound
 * dispatchers): the log-backed bus over `store`, or Kafka. Closed on shutdown.
 */
export async function openMessageBus(config: HubConfig, store: EventStore, services: CompositionServices): Promise<MessageBus> {
  const bus =
    config.bus === 'kafka'
      ? (await import('@scim-hub/messaging/kafka')).createKafkaBus(kafkaOptions(config, services))
      : (await import('@scim-hub/messaging/log')).createLogBus(store);
  services.shutdown.register(`${config.bus} bus`, () => bus.close());
  return bus;
}

function kafkaOptions(config: HubConfig, services: CompositionServices) {
  return {
    brokers: config.kafkaBrokers,
    topic: config.kafkaTopic,
    clientId: 'scim-hub',
    onClientLog: (entry: { level: 'error' | 'warn'; message: string }) => services.logger.debug({ kafka: entry.level }, entry.message),
  };
}

// One relay per store is active at a time: a PostgreSQL advisory lock when replicas share the store, none
// needed when this process alone opens the SQLite file.
async function startEmbeddedRelay(config: HubConfig, store: EventStore, services: CompositionServices): Promise<void> {
  const { openKafkaPublisher } = await import('@scim-hub/messaging/kafka');
  const publisher = await openKafkaPublisher({ ...kafkaOptions(config, services), clientId: 'scim-hub-relay' });
  services.shutdown.register('kafka publisher', () => publisher.close());
  const stop = await runEmbeddedRelay(config, store, publisher, services.logger);
  services.shutdown.register('relay', stop);
}
