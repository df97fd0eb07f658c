import pg from 'pg';
import type { Position } from '../event-store.port';
import { positionIn } from '../position';

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection per store, opened while at least one subscription runs. Notifications are only a
 * wake-up: if the connection drops, subscriptions keep polling and this reconnects in the background.
 */
export class PostgresListener {
  private client: pg.Client | undefined;
  private readonly listeners = new Set<(position?: Position) => void>();
  private timer: NodeJS.Timeout | undefined;
  private active = false;
  /** Bumped by stop(): a connect() still in flight from before then closes its client instead of keeping it. */
  private generation = 0;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
  ) {}

  add(listener: (position?: Position) => void): () => void {
    this.listeners.add(listener);
    if (!this.active) {
      this.active = true;
      void this.connect();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.stop();
    };
  }

  /** Tells the listeners of this process about an append right after its commit (no round trip). */
  emit(position?: Position): void {
    for (const listener of this.listeners) listener(position);
  }

  async stop(): Promise<void> {
    this.active = false;
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const generation = this.generation;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => this.reconnect(client, generation));
    client.on('end', () => this.reconnect(client, generation));
    client.on('notification', (message) => this.emit(parse(message.payload)));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (!this.active || generation !== this.generation) return void (await client.end());
      this.client = client;
      // Appends made while we were not listening are found by the subscriptions' next read.
      this.emit(undefined);
    } catch {
      this.reconnect(client, generation);
    }
  }

  private reconnect(client: pg.Client, generation: number): void {
    if (this.client === client) this.client = undefined;
    void client.end().catch(() => undefined);
    if (!this.active || this.timer || generation !== this.generation) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.active && !this.client) void this.connect();
    }, RECONNECT_MS);
  }
}

// A payload that is not a position (the projection checkpoint channel's) wakes listeners without one.
function parse(payload: string | undefined): Position | undefined {
  return payload ? positionIn(payload) : undefined;
}
