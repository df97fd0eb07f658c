import { ConfigError, createLogger, loadConfig, prettyLogStream } from '@scim-hub/platform';
import { startHub } from './start-hub';

// The all-in-one hub (`npm start`). Configuration errors exit 1 with a message naming the variable.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`scim-hub: ${error.message}\n`);
    process.exit(1);
  }
  // Readable lines at a terminal, JSON for log collectors (HUB_LOG_FORMAT overrides; docs/configuration.md).
  const terminal = Boolean(process.stdout.isTTY);
  const pretty = (config.logFormat ?? (terminal ? 'pretty' : 'json')) === 'pretty';
  const logger = createLogger(config.logLevel, pretty ? prettyLogStream(process.stdout, terminal) : undefined);
  try {
    await startHub(config, logger, (text) => process.stdout.write(text));
  } catch (error) {
    logger.fatal({ err: error }, 'scim-hub failed to start');
    process.stderr.write(`scim-hub: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
