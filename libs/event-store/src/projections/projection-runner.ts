// The projection runner: runs named, checkpointed projections from the global log, one worker each, and
// offers rebuild (into a shadow copy, swapped in atomically) and replay (from a position or a time).
import type { EventStore, Position, Subscription } from '../event-store.port';
import { positionFromString } from '../position';
import type { CheckpointedProjection } from './checkpointed-projection';
import { ProjectionConflict, UnknownProjection } from './projection.errors';
import { LocalProjectionLeases, type ProjectionLeases } from './projection-lease';
import { logProjectionSource, type ProjectionSource } from './projection-source';
import type { ProjectionRunnerHooks, ProjectionStatus } from './projection-status';
import { ProjectionWorker } from './projection-worker';
import { rebuildProjection, replayProjection } from './projection-rebuild';
import { positionBefore } from './replay-start';

/** Wakes writers that wait for a checkpoint committed in another process (PostgreSQL LISTEN). */
export interface CheckpointSignal {
  /** Calls `listener` whenever some projection's checkpoint was committed; returns the unregister function. */
  onCheckpoint(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Options of the projection runner. */
export interface ProjectionRunnerOptions {
  /** Who may run each projection; default: this process alone (embedded SQLite). */
  leases?: ProjectionLeases;
  /** Where the projections read the log from; default: a catch-up subscription on the store. */
  source?: ProjectionSource;
  /** Notifications of checkpoints committed elsewhere; without it, waiting polls every `checkpointPollMs`. */
  checkpointSignal?: CheckpointSignal;
  hooks?: ProjectionRunnerHooks;
  /** Events per batch; default 500. */
  batchSize?: number;
  /** Failed attempts at one event (not counting transient failures) before the projection stops; default 3. */
  maxAttempts?: number;
  /** How often a standby process tries to take a lease over; default 1000 ms. */
  leaseRetryMs?: number;
  /** How often a waiting writer re-reads a checkpoint projected elsewhere; default 200 ms. */
  checkpointPollMs?: number;
  /** Upper bound of events read to count a backlog; default 1000. */
  lagProbeLimit?: number;
}

/** Where a replay starts: after a log position, or after the last event recorded before a time. */
export type ReplayFrom = { position: Position | undefined } | { time: Date };

/** A rebuild or replay that was started: `finished` settles when the copy is live again (or failed). */
export interface StartedRebuild {
  readonly finished: Promise<void>;
}

/** Runs named projections; see docs/projections.md for the operator's side. */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly leases: ProjectionLeases;
  private readonly unlisten: () => void;

  constructor(
    private readonly store: EventStore,
    projections: readonly CheckpointedProjection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.leases = options.leases ?? new LocalProjectionLeases();
    const settings = {
      store,
      source: options.source ?? logProjectionSource(store),
      leases: this.leases,
      hooks: options.hooks ?? {},
      batchSize: options.batchSize ?? 500,
      maxAttempts: options.maxAttempts ?? 3,
      leaseRetryMs: options.leaseRetryMs ?? 1000,
      checkpointPollMs: options.checkpointPollMs ?? 200,
      lagProbeLimit: options.lagProbeLimit ?? 1000,
    };
    for (const projection of projections) {
      if (this.workers.has(projection.name)) throw new Error(`two projections named "${projection.name}"`);
      this.workers.set(projection.name, new ProjectionWorker(projection, settings));
    }
    this.unlisten = options.checkpointSignal?.onCheckpoint(() => this.workers.forEach((w) => w.checkpointMoved())) ?? (() => undefined);
  }

  /** Names of the registered projections, in registration order. */
  get names(): string[] {
    return [...this.workers.keys()];
  }

  /** Starts every projection (each takes its lease, or stands by while another process holds it). */
  start(): void {
    for (const worker of this.workers.values()) worker.start();
  }

  /** Status of every projection (reads each checkpoint and a bounded slice of the log). */
  statusAll(): Promise<ProjectionStatus[]> {
    return Promise.all([...this.workers.values()].map((w) => w.status()));
  }

  status(name: string): Promise<ProjectionStatus> {
    return this.worker(name).status();
  }

  /** Resolves once `name` has applied everything up to `position`; rejects with WaitForTimeout after `timeoutMs`. */
  waitFor(name: string, position: Position, timeoutMs: number): Promise<void> {
    return this.worker(name).waitFor(position, timeoutMs);
  }

  /** A `waitFor` bound to one projection, for the write path's read-your-writes (`Subscription`-shaped). */
  waiterFor(name: string): Pick<Subscription, 'waitFor'> {
    const worker = this.worker(name);
    return { waitFor: (position, timeoutMs = 5000) => worker.waitFor(position, timeoutMs) };
  }

  /** Starts a rebuild from position 0 into a shadow copy (in place when the projection has none). */
  rebuild(name: string): StartedRebuild {
    const worker = this.claim(name, 'rebuild');
    return { finished: rebuildProjection(worker, this.store, this.options.batchSize ?? 500) };
  }

  /** Starts a replay of the events after `from`; from the very start it is a rebuild. */
  async replay(name: string, from: ReplayFrom): Promise<StartedRebuild> {
    const worker = this.worker(name);
    const after = 'time' in from ? await positionBefore(this.store, from.time) : from.position;
    if (!after) return this.rebuild(name);
    if (!worker.projection.rewind) throw new ProjectionConflict(name, 'cannot replay part of the log (it can only be rebuilt from the start)');
    this.claim(name, 'replay');
    return { finished: replayProjection(worker, this.store, after, this.options.batchSize ?? 500) };
  }

  /** Stops every projection, releases the leases and closes the checkpoint signal. */
  async stop(): Promise<void> {
    this.unlisten();
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    await this.leases.close();
    await this.options.checkpointSignal?.close();
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new UnknownProjection(name);
    return worker;
  }

  // Claimed synchronously, so two calls cannot both start: the second sees `rebuilding`.
  private claim(name: string, what: string): ProjectionWorker {
    const worker = this.worker(name);
    if (worker.state === 'rebuilding') throw new ProjectionConflict(name, 'a rebuild or replay is already running');
    if (!worker.holdsLease) throw new ProjectionConflict(name, `runs in another process; ${what} it there`);
    worker.state = 'rebuilding';
    worker.rebuild = { applied: 0, startedAt: new Date().toISOString() };
    return worker;
  }
}

/** Parses a replay start given as `<commit>:<prepare>`, `0` or an ISO-8601 time; undefined when it is neither. */
export function parseReplayFrom(text: string): ReplayFrom | undefined {
  if (text === '0') return { position: undefined };
  if (/^\d+:\d+$/.test(text)) return { position: positionFromString(text) };
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : { time };
}
