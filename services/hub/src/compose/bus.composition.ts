// ── Event distribution ── HUB_BUS=log: the read model's projector subscribes to the store's log (embedded
// default). HUB_BUS=kafka: the read model consumes the Kafka topic in the consumer group `scim-read-model`, and
// the relay (log → topic) runs in this process unless HUB_KAFKA_RELAY=external names a separate relay service.
import type { EventStore, RecordedEvent, Subscription } from '@scim-hub/event-store';
import type { MessageBus } from '@scim-hub/messaging';
import type { HubConfig } from '@scim-hub/platform';
import type { ProjectorOptions, ReadModel } from '@scim-hub/read-model';
import { busLagReporter } from './bus-lag.reporter';
import { runEmbeddedRelay } from './embedded-relay';
import type { CompositionServices } from './scim.composition';

/** Consumer group of the hub's SCIM read model on Kafka. */
export const SCIM_READ_MODEL_GROUP = 'scim-read-model';

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

/** HUB_BUS=kafka: the read model consumes the topic; the result's `waitFor` gives a writer its read-your-writes. */
export async function startBusScimProjection(
  config: HubConfig,
  log: SealedLog,
  readModel: ReadModel,
  services: CompositionServices,
  options: ProjectorOptions,
): Promise<Subscription> {
  const { store } = log;
  const { startBusProjection } = await import('@scim-hub/messaging');
  if (config.kafkaRelay === 'embedded') await startEmbeddedRelay(config, log.raw, services);
  const bus = await openMessageBus(config, store, services);
  const { onError, onLag } = options;
  const onProjected = onLag ? busLagReporter(store, onLag) : undefined;
  const projection = {
    checkpoint: () => readModel.checkpoint(),
    project: async (events: RecordedEvent[]) => readModel.project(await log.open(events)),
  };
  return startBusProjection({ bus, group: SCIM_READ_MODEL_GROUP, projection, onError, onProjected });
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
