// The outbound engine: one loop per enabled target, following the target source. Targets are independent:
// each has its own subscription, client, health and locks, so one target's trouble never slows another.
import type { EventStore } from '@scim-hub/event-store';
import type { HeldLease, ProjectionLeases } from '@scim-hub/event-store/projections';
import { ScimTargetClient } from '../client/scim-target-client';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/backoff';
import { reconcile, type ReconcileReport } from '../dispatch/reconcile';
import { redrive, type RedriveFilter, type RedriveResult } from '../dispatch/redrive';
import { SourceReader } from '../dispatch/source-reader';
import { DEFAULT_HEALTH_POLICY, TargetHealth, type HealthPolicy } from '../dispatch/target-health';
import { logChangeFeed, type ChangeFeed } from '../dispatch/change-feed';
import { TargetLoop } from '../dispatch/target-loop';
import { DEFAULT_PROBE_POLICY, type ProbePolicy, type TargetRuntime } from '../dispatch/target-runtime';
import { resourceStatus, targetStatus, type ResourceStatus, type TargetStatus } from '../dispatch/target-status';
import type { DeliveryStateStore, ParkedChange } from '../state/delivery-state.port';
import type { TargetDefinition, TargetResourceType, TargetSource } from '../target.definition';
import { log, notify, type OutboundHooks } from './outbound-hooks';

/** What the engine is built from. */
export interface OutboundEngineOptions {
  eventStore: EventStore;
  deliveryState: DeliveryStateStore;
  targets: TargetSource;
  hooks?: OutboundHooks;
  /** Clock (ms since the epoch); default Date.now. */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  health?: Partial<HealthPolicy>;
  probe?: Partial<ProbePolicy>;
  /** Events per batch (default 500). */
  batchSize?: number;
  /** Per-call timeout to targets (default 10 s). */
  requestTimeoutMs?: number;
  /** Where each target's loop learns of changes; default: a catch-up subscription on `eventStore`. */
  changeFeed?: ChangeFeed;
  /**
   * Who delivers to each target when several processes share one delivery state (PostgreSQL): the holder of the
   * lease `outbound:<target id>`; the others stand by and take over when it ends. Default: this process alone.
   */
  leases?: ProjectionLeases;
  /** How often a standby process tries for the leases it lacks (default 1000 ms). */
  leaseRetryMs?: number;
}

/** Thrown for a target id the target source does not list. */
export class UnknownTarget extends Error {
  override readonly name = 'UnknownTarget';
}

interface Running {
  definition: TargetDefinition;
  runtime: TargetRuntime;
  loop?: TargetLoop;
  lease?: HeldLease;
}

/** Runs outbound delivery for every enabled target. */
export class OutboundEngine {
  private readonly targets = new Map<string, Running>();
  private unsubscribe: (() => void) | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;
  private standbyTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: OutboundEngineOptions) {}

  /** Starts a loop per enabled target (a new target begins with its initial sync) and follows target changes. */
  async start(): Promise<void> {
    this.stopped = false;
    // A failing target source must not become an unhandled rejection; the next change (or sync()) retries.
    this.unsubscribe = this.options.targets.subscribe(
      () => void this.sync().catch((error: unknown) => log(this.options.hooks ?? {}, 'error', 'outbound targets could not be read', { error: String(error) })),
    );
    await this.sync();
    if (this.options.leases) this.standbyTimer = setInterval(() => void this.retryStandby(), this.options.leaseRetryMs ?? 1000);
  }

  /** Stops every loop; calls in flight finish, waits end at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.standbyTimer) clearInterval(this.standbyTimer);
    await this.syncing.catch(() => undefined);
    await Promise.all([...this.targets.values()].map((running) => this.halt(running)));
    this.targets.clear();
  }

  /** Re-reads the target source now (also done on every change it announces). */
  sync(): Promise<void> {
    this.syncing = this.syncing.catch(() => undefined).then(() => this.applyTargets());
    return this.syncing;
  }

  /** Delivery status of a target. */
  async status(targetId: string): Promise<TargetStatus> {
    const running = this.running(targetId);
    return targetStatus(running.runtime, !!running.loop);
  }

  /** Delivery status of one resource on a target; undefined when it was never handled. */
  async resourceStatus(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<ResourceStatus | undefined> {
    return resourceStatus(this.running(targetId).runtime, resourceType, sourceId);
  }

  /** Parked changes of a target, oldest first. */
  async parked(targetId: string): Promise<ParkedChange[]> {
    return this.options.deliveryState.parked(this.running(targetId).definition.id);
  }

  /** Delivers parked changes again: all, one resource type, or one resource. */
  async redrive(targetId: string, filter?: RedriveFilter): Promise<RedriveResult> {
    return redrive(this.running(targetId).runtime, filter);
  }

  /** Compares the desired state with the target and repairs drift; `dryRun` only reports. */
  async reconcile(targetId: string, options: { dryRun?: boolean } = {}): Promise<ReconcileReport> {
    return reconcile(this.running(targetId).runtime, options.dryRun ?? false);
  }

  /** Forgets a removed target's delivery state (cursor, id map, parked changes); a target re-added later syncs anew. */
  async forget(targetId: string): Promise<void> {
    await this.sync();
    if (this.targets.has(targetId)) throw new Error(`target ${targetId} is still configured`);
    await this.options.deliveryState.dropTarget(targetId);
  }

  private running(targetId: string): Running {
    const running = this.targets.get(targetId);
    if (!running) throw new UnknownTarget(`unknown target: ${targetId}`);
    return running;
  }

  private async applyTargets(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map((await this.options.targets.list()).map((target) => [target.id, target]));
    for (const [id, running] of this.targets) {
      const next = wanted.get(id);
      if (next && JSON.stringify(next) === JSON.stringify(running.definition) && (running.loop || !next.enabled)) continue;
      await this.halt(running);
      this.targets.delete(id);
      // Entra: changing what a target receives starts a new initial cycle; ours re-reads the log and sends only differences.
      if (next && changesWhatIsSent(running.definition, next)) await this.options.deliveryState.resetCursor(id);
    }
    for (const [id, definition] of wanted) {
      if (this.targets.has(id) || this.stopped) continue;
      const lease = definition.enabled ? await this.lease(id) : undefined;
      const running = this.open(definition, lease !== null);
      if (lease) running.lease = lease;
      this.targets.set(id, running);
      await running.loop?.start();
    }
  }

  // undefined: no leases configured (this process alone); null: another process holds it (stand by).
  private async lease(id: string): Promise<HeldLease | undefined | null> {
    if (!this.options.leases) return undefined;
    const held = await this.options.leases.tryAcquire(`outbound:${id}`);
    if (!held) return null;
    held.lost.then(() => {
      log(this.options.hooks ?? {}, 'warn', 'outbound lease lost; standing by', { target: id });
      const running = this.targets.get(id);
      if (running?.lease === held) void this.halt(running).then(() => this.targets.delete(id));
    });
    return held;
  }

  // A sync re-opens every standby target (enabled, no loop), which tries for its lease again.
  private retryStandby(): void {
    const standing = [...this.targets.values()].some((running) => running.definition.enabled && !running.loop);
    if (standing && !this.stopped) void this.sync().catch(() => undefined);
  }

  private async halt(running: Running): Promise<void> {
    await running.loop?.stop();
    await running.lease?.release();
  }

  private open(definition: TargetDefinition, leased: boolean): Running {
    const now = this.options.now ?? Date.now;
    const health = new TargetHealth({ ...DEFAULT_HEALTH_POLICY, ...this.options.health });
    const abort = new AbortController();
    const client = new ScimTargetClient(definition, {
      timeoutMs: this.options.requestTimeoutMs,
      now,
      signal: abort.signal,
      onCall: ({ ok, error, method, ms }) => {
        health.record(ok, error);
        notify(this.options.hooks?.request, { targetId: definition.id, method, ms, ok, status: ok ? undefined : error?.status });
      },
    });
    const runtime: TargetRuntime = {
      target: definition,
      eventStore: this.options.eventStore,
      state: this.options.deliveryState,
      client,
      reader: new SourceReader(this.options.eventStore, definition.tenant),
      health,
      hooks: this.options.hooks ?? {},
      retry: { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
      probe: { ...DEFAULT_PROBE_POLICY, ...this.options.probe },
      now,
      signal: abort.signal,
      locks: new Map(),
      inFlight: { count: 0 },
      quarantined: false,
    };
    const feed = this.options.changeFeed ?? logChangeFeed(this.options.eventStore);
    const loop = definition.enabled && leased ? new TargetLoop(runtime, abort, this.options.batchSize ?? 500, feed) : undefined;
    return { definition, runtime, loop };
  }
}

const WHAT_IS_SENT: (keyof TargetDefinition)[] = ['tenant', 'resourceTypes', 'scope', 'mappings', 'matchBy', 'onDeprovision'];

/** Whether a definition change alters what the target should hold (and so needs a re-evaluation pass). */
function changesWhatIsSent(before: TargetDefinition, after: TargetDefinition): boolean {
  return WHAT_IS_SENT.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
