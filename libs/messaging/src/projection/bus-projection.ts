// A checkpointed projection fed from the bus instead of the log (HUB_BUS=kafka), shaped like the log's
// Subscription so that the write path's read-your-writes wait (`waitFor`) works unchanged.
import { comparePositions, maxPosition, PositionWaiters, type Position, type RecordedEvent, type Subscription } from '@scim-hub/event-store';
import { fromEnvelope } from '../bus-envelope';
import type { BusConsumer, MessageBus } from '../bus.port';

/** What the bus feeds: the SCIM read model (or any projection keeping its checkpoint with its rows). */
export interface BusFedProjection {
  checkpoint(): Promise<Position | undefined>;
  /** Applies a batch and its checkpoint in one transaction, skipping events at or before the checkpoint. */
  project(events: RecordedEvent[]): Promise<void>;
}

/** Options of a bus-fed projection. */
export interface BusProjectionOptions {
  bus: MessageBus;
  /** Consumer group (e.g. `scim-read-model`). */
  group: string;
  projection: BusFedProjection;
  onError?(error: unknown): void;
  /** Called after each projected batch with the position of its last event (lag metrics). */
  onProjected?(position: Position): void;
  /** How often the stored checkpoint is re-read (default 250 ms; 10 ms while someone waits). */
  refreshMs?: number;
}

const WAITING_REFRESH_MS = 10;

/**
 * The projection's position is the furthest of what this process projected and what its stored checkpoint
 * says: another member of the group (another replica) may be the one consuming, and a waiting writer here
 * must still see its write once that member projected it.
 */
class BusProjection implements Subscription {
  private readonly waiters: PositionWaiters;
  private consumer: BusConsumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: BusProjectionOptions,
    start: Position | undefined,
  ) {
    this.waiters = new PositionWaiters(start);
  }

  get position(): Position | undefined {
    return this.waiters.handledThrough;
  }

  async start(): Promise<void> {
    const { bus, group, projection, onError } = this.options;
    this.consumer = await bus.consume({
      group,
      requireLogOrder: true,
      onError,
      handle: async (batch) => {
        const events = batch.map(fromEnvelope);
        await projection.project(events);
        this.waiters.advance(await projection.checkpoint());
        const last = events.at(-1);
        if (last) this.options.onProjected?.(last.position);
      },
    });
    this.schedule();
  }

  waitFor(position: Position, timeoutMs?: number): Promise<void> {
    const waiting = this.waiters.waitFor(position, timeoutMs);
    this.schedule(WAITING_REFRESH_MS);
    return waiting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.consumer?.stop();
    this.waiters.close('bus projection stopped');
  }

  private schedule(delayMs = this.options.refreshMs ?? 250): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      this.waiters.advance(maxPosition(this.position, await this.options.projection.checkpoint()));
    } catch (error) {
      this.options.onError?.(error);
    }
    const waited = this.waiters.furthestWaited();
    this.schedule(waited && !(this.position && comparePositions(this.position, waited) >= 0) ? WAITING_REFRESH_MS : undefined);
  }
}

/** Starts feeding `options.projection` from the bus; resolves once the consumer runs. */
export async function startBusProjection(options: BusProjectionOptions): Promise<Subscription> {
  const projection = new BusProjection(options, await options.projection.checkpoint());
  await projection.start();
  return projection;
}
