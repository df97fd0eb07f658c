// Runs one projection in this process: holds its lease, feeds it from the global log through its source (a
// catch-up subscription on the store, or a consumer group on the bus) that starts at its own checkpoint, stops it visibly at a poisoned event, and answers
// "has it passed this position?" whether it runs here or in another process.
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { positionToString } from '../position';
import { PositionWaiters } from '../internal/position-waiters';
import { WakeSignal } from '../internal/wake-signal';
import type { CheckpointedProjection } from './checkpointed-projection';
import { errorMessage, isTransientFailure } from './projection-errors.classify';
import type { HeldLease, ProjectionLeases } from './projection-lease';
import type { ProjectionFeed, ProjectionSource } from './projection-source';
import { measureLag } from './projection-lag';
import type { ProjectionError, ProjectionRunnerHooks, ProjectionState, ProjectionStatus } from './projection-status';

const LAG_REPORT_INTERVAL_MS = 1000;

// One start of the feed: batches of a feed that was paused or replaced are refused, whichever source runs it.
interface LiveFeed {
  readonly starting: Promise<ProjectionFeed | undefined>;
}

/** Settings the runner hands every worker. */
export interface WorkerSettings {
  store: EventStore;
  source: ProjectionSource;
  leases: ProjectionLeases;
  hooks: ProjectionRunnerHooks;
  batchSize: number;
  maxAttempts: number;
  leaseRetryMs: number;
  checkpointPollMs: number;
  lagProbeLimit: number;
}

/** One projection's life in this process; the runner drives rebuild and replay through pause/resume. */
export class ProjectionWorker {
  state: ProjectionState = 'standby';
  lastError: ProjectionError | undefined;
  rebuild: { applied: number; startedAt: string } | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly checkpointSignal = new WakeSignal();
  private readonly leaseSignal = new WakeSignal();
  /** Ends a linger early: notified when the feed pauses or the worker stops. */
  private readonly lingering = new WakeSignal();
  private readonly failures = new Map<string, number>();
  private live: LiveFeed | undefined;
  private lease: HeldLease | undefined;
  private loop: Promise<void> | undefined;
  private watching = false;
  private closed = false;
  private reported: unknown;
  private announced = false;
  private lastLagAt = 0;

  constructor(
    readonly projection: CheckpointedProjection,
    private readonly settings: WorkerSettings,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** Whether this process holds the projection's lease. */
  get holdsLease(): boolean {
    return this.lease !== undefined;
  }

  start(): void {
    this.loop ??= this.leaseLoop();
  }

  /** Resolves once the projection has applied everything up to `position` (here or in another process). */
  waitFor(position: Position, timeoutMs: number): Promise<void> {
    const waiting = this.waiters.waitFor(position, timeoutMs);
    // Someone needs this projection to get somewhere: a linger in progress ends now.
    if (!this.waiters.hasReached(position)) this.lingering.notify();
    void this.watchCheckpoint();
    return waiting;
  }

  /** A checkpoint of some projection was committed somewhere (PostgreSQL NOTIFY): look again. */
  checkpointMoved(): void {
    this.checkpointSignal.notify();
  }

  async status(): Promise<ProjectionStatus> {
    const checkpoint = await this.projection.checkpoint();
    const lag = await measureLag(this.settings.store, checkpoint, this.settings.lagProbeLimit);
    return this.statusWith(checkpoint, lag);
  }

  /** Stops the live feed (keeping the lease) so that a rebuild can swap or a replay can rewind. */
  async pause(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    this.lingering.notify();
    await (await live?.starting)?.stop();
  }

  /** Restarts the live subscription from the projection's checkpoint after a pause or a poisoned event. */
  async resume(): Promise<void> {
    if (this.closed || !this.lease) return;
    this.failures.clear();
    this.state = 'running';
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.leaseSignal.notify();
    this.lingering.notify();
    this.checkpointSignal.notify();
    await this.loop;
    this.waiters.close(`projection ${this.name} stopped`);
    this.state = 'stopped';
  }

  private async leaseLoop(): Promise<void> {
    while (!this.closed) {
      this.leaseSignal.clear();
      const lease = await this.settings.leases.tryAcquire(this.name).catch((error: unknown) => this.fail(error, undefined));
      if (lease && !this.closed) await this.hold(lease);
      else if (lease) await lease.release();
      else this.setState('standby');
      if (!this.closed) await this.leaseSignal.wait(this.settings.leaseRetryMs);
    }
  }

  private async hold(lease: HeldLease): Promise<void> {
    this.lease = lease;
    let lost = false;
    void lease.lost.then(() => {
      lost = true;
      this.leaseSignal.notify();
    });
    try {
      this.state = 'running';
      await this.subscribe();
      while (!this.closed && !lost) {
        this.leaseSignal.clear();
        await this.leaseSignal.wait(60_000);
      }
    } catch (error) {
      this.fail(error, undefined);
    } finally {
      await this.pause();
      this.lease = undefined;
      await lease.release().catch(() => undefined);
      if (!this.closed) this.setState('standby');
    }
  }

  // A bus may hand the first batch before `follow` resolved: the batch is tied to the start, not to the feed.
  private async subscribe(): Promise<void> {
    this.lingering.clear();
    const after = await this.projection.checkpoint();
    this.waiters.advance(after);
    let live: LiveFeed | undefined = undefined;
    const starting = this.settings.source.follow(this.name, {
      after,
      batchSize: this.settings.batchSize,
      handle: (events) => this.apply(live, events),
      onError: (error) => {
        if (error !== this.reported) this.fail(error, undefined);
      },
    });
    live = { starting: starting.catch(() => undefined) };
    this.live = live;
    try {
      await starting;
    } catch (error) {
      if (this.live === live) this.live = undefined;
      throw error;
    }
    this.emitStatus(after, false, true);
  }

  private async apply(live: LiveFeed | undefined, events: RecordedEvent[]): Promise<void> {
    if (!live || live !== this.live) throw new Error(`projection ${this.name}: feed replaced`);
    try {
      await this.projection.project(events);
    } catch (error) {
      await this.isolate(live, events, error);
    }
    this.applied(events);
    // The feed hands the next batch once this resolves: what was appended meanwhile comes as one batch.
    const lingerMs = this.projection.lingerMs ?? 0;
    if (lingerMs > 0 && events.length < this.settings.batchSize && live === this.live) {
      await this.lingering.wait(lingerMs);
      // A wake-up ends one linger, not every one after it.
      this.lingering.clear();
    }
  }

  // A failed batch is applied again one event at a time, so that the events before the culprit are kept and
  // the culprit's position is known; it poisons the projection after maxAttempts (transient errors never do).
  private async isolate(live: LiveFeed, events: RecordedEvent[], batchError: unknown): Promise<void> {
    if (isTransientFailure(batchError)) throw this.failed(batchError, undefined);
    for (const event of events) {
      try {
        await this.projection.project([event]);
      } catch (error) {
        throw this.failed(error, event.position, live);
      }
      this.waiters.advance(event.position);
    }
  }

  private failed(error: unknown, position: Position | undefined, live?: LiveFeed): unknown {
    this.reported = error;
    const at = position ? positionToString(position) : undefined;
    this.fail(error, at);
    if (!at || !live || isTransientFailure(error)) return error;
    const attempts = (this.failures.get(at) ?? 0) + 1;
    this.failures.set(at, attempts);
    if (attempts >= this.settings.maxAttempts) this.poison(error, at, live);
    return error;
  }

  private poison(error: unknown, at: string, live: LiveFeed): void {
    this.state = 'stopped';
    if (this.live === live) this.live = undefined;
    // Not awaited: stop() waits for the batch in progress, which is the one reporting this.
    void live.starting.then((feed) => feed?.stop());
    safely(() => this.settings.hooks.onPoisoned?.(this.name, error, at));
    this.emitStatus(undefined, false, true);
  }

  private fail(error: unknown, position: string | undefined): undefined {
    this.lastError = { message: errorMessage(error), ...(position ? { position } : {}), at: new Date().toISOString() };
    safely(() => this.settings.hooks.onError?.(this.name, error, position));
    return undefined;
  }

  private applied(events: RecordedEvent[]): void {
    const last = events.at(-1)?.position;
    this.waiters.advance(last);
    if (events.length > 0) this.failures.clear();
    this.emitStatus(last, events.length < this.settings.batchSize);
  }

  private setState(state: ProjectionState): void {
    if (this.state === state && this.announced) return;
    this.announced = true;
    this.state = state;
    this.emitStatus(undefined, false, true);
    // Writers already waiting when the lease went elsewhere now wait on the stored checkpoint.
    void this.watchCheckpoint();
  }

  // While catching up, the backlog is measured (a read of up to lagProbeLimit events) at most once a second, so
  // that reporting does not cost as much as projecting; state changes and caught-up batches report at once.
  private emitStatus(checkpoint: Position | undefined, caughtUp: boolean, force = false): void {
    const onStatus = this.settings.hooks.onStatus;
    if (!onStatus) return;
    const now = Date.now();
    if (!force && !caughtUp && now - this.lastLagAt < LAG_REPORT_INTERVAL_MS) return;
    this.lastLagAt = now;
    void (async () => {
      const at = checkpoint ?? (await this.projection.checkpoint());
      const lag = await measureLag(this.settings.store, at, this.settings.lagProbeLimit, caughtUp);
      onStatus(this.statusWith(at, lag));
    })().catch(() => undefined);
  }

  private statusWith(checkpoint: Position | undefined, lag: Awaited<ReturnType<typeof measureLag>>): ProjectionStatus {
    return {
      name: this.name,
      state: this.state,
      source: this.settings.source.kind,
      ...(checkpoint ? { position: positionToString(checkpoint) } : {}),
      ...lag,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.rebuild ? { rebuild: { ...this.rebuild } } : {}),
    };
  }

  // Writers wait here when another process projects (or this one is paused): read the stored checkpoint on
  // every checkpoint notification, and every checkpointPollMs in case a notification is lost or absent.
  private async watchCheckpoint(): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      while (!this.closed && this.waiters.furthestWaited() && this.state !== 'running') {
        this.checkpointSignal.clear();
        this.waiters.advance(await this.projection.checkpoint().catch(() => undefined));
        if (!this.waiters.furthestWaited()) return;
        await this.checkpointSignal.wait(this.settings.checkpointPollMs);
      }
    } finally {
      this.watching = false;
    }
  }
}

function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // A hook that throws must not stop the projection.
  }
}
