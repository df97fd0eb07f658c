// The relay inside the hub (HUB_BUS=kafka, HUB_KAFKA_RELAY=embedded). Replicas on one PostgreSQL store
// compete for the advisory-lock lease; the one that loses its lease connection (a database restart, a
// network cut) starts competing again instead of leaving the read model without a relay.
import type { EventStore } from '@scim-hub/event-store';
import type { BusPublisher } from '@scim-hub/messaging';
import type { Relay, RelayLease } from '@scim-hub/messaging/relay';
import type { HubConfig, HubLogger } from '@scim-hub/platform';

const RESTART_DELAY_MS = 1000;

/** Runs relays one after another until stopped; each starts with a fresh lease. Returns the stop function. */
export async function runEmbeddedRelay(
  config: HubConfig,
  store: EventStore,
  publisher: BusPublisher,
  logger: HubLogger,
): Promise<() => Promise<void>> {
  const { singleProcessLease, startRelay } = await import('@scim-hub/messaging/relay');
  const newLease = async (): Promise<RelayLease> => {
    if (!config.databaseUrl) return singleProcessLease();
    const { postgresRelayLease } = await import('@scim-hub/messaging/postgres');
    return postgresRelayLease({ connectionString: config.databaseUrl, name: `scim-hub relay ${config.kafkaTopic}` });
  };
  let stopped = false;
  let current: Relay | undefined;
  const start = async (): Promise<void> => {
    if (stopped) return;
    current = startRelay({
      store,
      publisher,
      lease: await newLease(),
      checkpointName: `relay:${config.kafkaTopic}`,
      onActive: () => logger.info({ topic: config.kafkaTopic }, 'relay active'),
      onError: (err) => logger.error({ err }, 'relay batch failed; retrying'),
      onLeaseLost: (err) => {
        logger.error({ err }, 'relay lease lost; competing for it again');
        setTimeout(() => void start(), RESTART_DELAY_MS).unref();
      },
    });
    current.active.catch((err) => {
      logger.error({ err }, 'relay failed to start; retrying');
      setTimeout(() => void start(), RESTART_DELAY_MS).unref();
    });
  };
  await start();
  return async () => {
    stopped = true;
    await current?.stop();
  };
}
