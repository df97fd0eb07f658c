// Everything one target's loop works with. Each target has its own runtime (client, health, locks): one
// target's trouble never slows another, because nothing here is shared between targets.
import type { EventStore } from '@scim-hub/event-store';
import type { ScimTargetClient } from '../client/scim-target-client';
import type { RetryPolicy } from '../delivery/backoff';
import type { OutboundHooks } from '../engine/outbound-hooks';
import type { DeliveryStateStore } from '../state/delivery-state.port';
import type { TargetDefinition } from '../target.definition';
import type { SourceReader } from './source-reader';
import type { TargetHealth } from './target-health';

/** Timing of quarantine probes: the first after `initialMs`, doubling up to `maxMs`. */
export interface ProbePolicy {
  initialMs: number;
  maxMs: number;
}

/** The default probe timing: 1 s, doubling up to 5 minutes. */
export const DEFAULT_PROBE_POLICY: ProbePolicy = { initialMs: 1000, maxMs: 300_000 };

/** One target's working set. */
export interface TargetRuntime {
  target: TargetDefinition;
  eventStore: EventStore;
  state: DeliveryStateStore;
  client: ScimTargetClient;
  reader: SourceReader;
  health: TargetHealth;
  hooks: OutboundHooks;
  retry: RetryPolicy;
  probe: ProbePolicy;
  now: () => number;
  /** Aborted when the loop stops: every wait of the loop ends. */
  signal: AbortSignal;
  /** Per-resource chains: one delivery of a resource at a time (order), any number of resources at once. */
  locks: Map<string, Promise<unknown>>;
  /** Resources being delivered right now. */
  inFlight: { count: number };
  /** The last failure seen on this target. */
  lastError?: { at: string; resourceType?: string; sourceId?: string; status?: number; detail: string };
  /** Set while the target is quarantined. */
  quarantined: boolean;
  /** The probe loop of a quarantine, while one runs. */
  holding?: Promise<void>;
}

/** Thrown inside a batch once the target is quarantined: the batch is retried after the quarantine lifts. */
export class TargetQuarantined extends Error {
  override readonly name = 'TargetQuarantined';
}
