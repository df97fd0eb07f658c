// Projection leases on PostgreSQL: a session-level advisory lock per projection, held on a dedicated
// connection. When the holding process dies its session ends and PostgreSQL releases the lock, so a
// standby process's next attempt (every lease retry interval) takes the projection over.
import pg from 'pg';
import type { HeldLease, ProjectionLeases } from '../projections/projection-lease';

/** Options of the PostgreSQL projection leases. */
export interface PostgresProjectionLeasesOptions {
  connectionString: string;
  /** Separates deployments that share a database (e.g. the read-model schema); default `scim-hub`. */
  scope?: string;
  /** How often the holder checks that its lease connection is alive; default 2000 ms. */
  heartbeatMs?: number;
}

// First key of the two-key advisory lock: marks scim-hub projection leases among other advisory locks.
const LEASE_CLASS = 7_042_002;

/** One advisory lock per projection name; a standby keeps its connection and asks again on each retry. */
export class PostgresProjectionLeases implements ProjectionLeases {
  private readonly clients = new Map<string, pg.Client>();
  private readonly held = new Set<HeldLease>();

  constructor(private readonly options: PostgresProjectionLeasesOptions) {}

  async tryAcquire(name: string): Promise<HeldLease | undefined> {
    const client = this.clients.get(name) ?? (await this.connect(name));
    const key = `${this.options.scope ?? 'scim-hub'}/${name}`;
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LEASE_CLASS, key]);
      if (!rows[0]?.ok) return undefined;
    } catch (error) {
      this.drop(name, client);
      throw error;
    }
    return this.holding(name, client);
  }

  async close(): Promise<void> {
    await Promise.all([...this.held].map((lease) => lease.release()));
    await Promise.all([...this.clients.keys()].map((name) => this.drop(name, this.clients.get(name))));
  }

  private async connect(name: string): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      keepAliveInitialDelayMillis: 1000,
      application_name: `scim-hub lease ${name}`.slice(0, 63),
    });
    // A broken connection is noticed by the next query or the heartbeat; the event itself must not crash us.
    client.on('error', () => undefined);
    await client.connect();
    this.clients.set(name, client);
    return client;
  }

  // Ending the session is what releases the lock: also what happens when the process dies.
  private holding(name: string, client: pg.Client): HeldLease {
    let lose: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (lose = resolve));
    // One heartbeat at a time: on a slow server the next tick waits rather than queueing on the connection.
    let beating = false;
    const beat = (): void => {
      if (beating) return;
      beating = true;
      client.query('SELECT 1').then(
        () => (beating = false),
        () => lose(),
      );
    };
    const heartbeat = setInterval(beat, this.options.heartbeatMs ?? 2000);
    heartbeat.unref();
    client.once('end', () => lose());
    client.once('error', () => lose());
    let released = false;
    const lease: HeldLease = {
      lost,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        this.held.delete(lease);
        await this.drop(name, client);
      },
    };
    void lost.then(() => clearInterval(heartbeat));
    this.held.add(lease);
    return lease;
  }

  private async drop(name: string, client: pg.Client | undefined): Promise<void> {
    if (this.clients.get(name) === client) this.clients.delete(name);
    await client?.end().catch(() => undefined);
  }
}
