import { ConfigError, createLogger, loadConfig } from '@scim-hub/platform';
import { startRelayService } from './start-relay-service';

// The relay service (scale-out): publishes the event store's log to Kafka. Same variables as the hub.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`scim-hub relay: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  try {
    const stop = await startRelayService(config, logger, (code) => process.exit(code));
    const shutdown = () => void stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    logger.fatal({ err: error }, 'relay failed to start');
    process.exit(1);
  }
}

void main();
