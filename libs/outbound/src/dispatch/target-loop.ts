// One target's loop: a change feed over the tenant's User and Group streams from the target's cursor (a
// catch-up subscription on the log, or a consumer group on the bus). Each batch is delivered completely (retries inside), then the cursor moves; a batch interrupted by
// a quarantine or a crash is delivered again, which changes nothing on the target for what already arrived.
import type { RecordedEvent } from '@scim-hub/event-store';
import { LoopStopped } from '../delivery/abortable-sleep';
import { log } from '../engine/outbound-hooks';
import { deliverBatch } from './batch-delivery';
import type { ChangeFeed, ChangeFeedRun } from './change-feed';
import { enterQuarantine, holdWhileQuarantined } from './quarantine';
import { tenantPrefixes } from './resource-key';
import { TargetQuarantined, type TargetRuntime } from './target-runtime';

/** Runs the delivery of one target until stopped. */
export class TargetLoop {
  private subscription: ChangeFeedRun | undefined;

  constructor(
    readonly rt: TargetRuntime,
    private readonly abort: AbortController,
    private readonly batchSize: number,
    private readonly feed: ChangeFeed,
  ) {}

  /** Starts following the log from the target's cursor (from the beginning for a new target: the initial sync). */
  async start(): Promise<void> {
    const after = await this.rt.state.cursor(this.rt.target.id);
    // A quarantine that survived a restart is probed now, not only once new changes arrive.
    if (await this.rt.state.quarantine(this.rt.target.id)) void holdWhileQuarantined(this.rt).catch(() => undefined);
    this.subscription = this.feed({
      targetId: this.rt.target.id,
      after,
      batchSize: this.batchSize,
      streamPrefixes: tenantPrefixes(this.rt.target.tenant),
      handle: (events) => this.handle(events),
      onError: (error) => {
        if (!(error instanceof LoopStopped)) log(this.rt.hooks, 'error', 'outbound batch failed', { targetId: this.rt.target.id, error: String(error) });
      },
    });
  }

  /** Stops after the calls in flight; waits in progress (backoff, probes) end at once. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.subscription?.stop();
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    for (;;) {
      await holdWhileQuarantined(this.rt);
      try {
        await deliverBatch(this.rt, events);
        break;
      } catch (error) {
        if (!(error instanceof TargetQuarantined)) throw error;
        await enterQuarantine(this.rt, this.rt.lastError?.detail ?? error.message);
      }
    }
    await this.rt.state.saveCursor(this.rt.target.id, (events[events.length - 1] as RecordedEvent).position);
  }
}
