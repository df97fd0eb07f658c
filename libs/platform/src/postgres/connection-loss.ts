import type { Pool } from 'pg';

/**
 * A dropped connection (a restarted server, a failover, `pg_terminate_backend`) must not end the process. `pg`
 * reports it as an 'error' event on the client, and the pool listens for it only while a client is idle: a client in
 * use — between the statements of a transaction — would throw it as an unhandled event. Every client of `pool` gets
 * a listener for good: the statement in flight fails, so does the next one on that client, and the pool discards the
 * client when it is released.
 */
export function surviveConnectionLoss<T extends Pool>(pool: T): T {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
