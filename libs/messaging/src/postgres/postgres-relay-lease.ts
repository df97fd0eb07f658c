// The relay lease on PostgreSQL: a session-level advisory lock held on a connection of its own. The server
// releases it when that connection ends — also when the process is killed — so a standby takes over.
import pg from 'pg';
import type { RelayLease } from '../relay/relay-lease';

/** Where and under which name to take the lock. */
export interface PostgresRelayLeaseOptions {
  connectionString: string;
  /** Lock name (e.g. `scim-hub relay <topic>`); hashed to the lock key with PostgreSQL's hashtext(). */
  name: string;
  /** How often a standby retries (default 1000 ms). */
  retryMs?: number;
}

class PostgresRelayLease implements RelayLease {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private released = false;
  private held = false;
  private readonly lostListeners: ((error: Error) => void)[] = [];

  constructor(private readonly options: PostgresRelayLeaseOptions) {}

  async acquire(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: 'scim-hub relay lease' });
    this.client = client;
    client.on('error', (error) => this.lost(error));
    client.on('end', () => this.lost(new Error('the lease connection ended')));
    this.connecting = client.connect().then(() => undefined);
    await this.connecting;
    // pg_try_advisory_lock never blocks, so release() can end a standby's wait between tries.
    while (!this.released) {
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.options.name]);
      if (result.rows[0]?.locked) {
        this.held = true;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000));
    }
    throw new Error('the relay lease was released while waiting for it');
  }

  onLost(listener: (error: Error) => void): void {
    this.lostListeners.push(listener);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.held = false;
    // Ending the session releases the advisory lock; a connection still being opened is ended once it is.
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  private lost(error: Error): void {
    if (this.released || !this.held) return;
    this.held = false;
    for (const listener of this.lostListeners) listener(error);
  }
}

/** The relay lease of a PostgreSQL event store. */
export function postgresRelayLease(options: PostgresRelayLeaseOptions): RelayLease {
  return new PostgresRelayLease(options);
}
