/** createLogger(level) and the HubLogger type (pino, request id on every line). */
export * from './create-logger';
/** Nest LoggerService adapter writing to the HubLogger. */
export { PinoNestLogger } from './pino-nest.logger';
/** Nest module, token and decorator for the HubLogger. */
export { LoggingModule, HUB_LOGGER, InjectLogger } from './logging.module';
/** Readable log lines for a terminal (HUB_LOG_FORMAT=pretty). */
export { formatLogLine, prettyLogStream } from './pretty-log.stream';
