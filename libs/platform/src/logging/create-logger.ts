import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config';

/** The hub's structured logger (pino). */
export type HubLogger = Logger;

// Defence in depth: no bearer token or SCIM body should ever reach a log line, even if a caller
// passes one by mistake. Bodies and userNames are not logged at all (see the access log hook).
const REDACT = [
  'authorization',
  'token',
  'password',
  '*.authorization',
  '*.token',
  '*.password',
  'headers.authorization',
  'req.headers.authorization',
];

/** Creates the JSON logger. Lines about a request (the access log, unexpected errors) carry its `reqId`. */
export function createLogger(level: LogLevel, destination?: DestinationStream): HubLogger {
  return pino(
    {
      level,
      base: { service: 'scim-hub' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}
