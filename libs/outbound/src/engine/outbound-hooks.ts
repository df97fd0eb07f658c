// Callbacks the engine reports through, so that the hub can count (prom-client) and log (pino) without this
// lib importing either.
import type { DeliveryError } from '../delivery/delivery-error';
import type { TargetAnswer } from '../state/delivery-state.port';
import type { TargetResourceType } from '../target.definition';

/** Identifies the resource an event is about. */
export interface ResourceEvent {
  targetId: string;
  resourceType: TargetResourceType;
  sourceId: string;
}

/** Observers of the engine; every hook is optional and must not throw (errors are swallowed). */
export interface OutboundHooks {
  /** A resource was written to a target; `recordedAt` is when the newest event it carries was stored. */
  delivered?(event: ResourceEvent & { status: number; recordedAt?: string }): void;
  /** A call about a resource failed (it may be retried). */
  failed?(event: ResourceEvent & { error: DeliveryError; attempt: number }): void;
  /** A change was parked. */
  parked?(event: ResourceEvent & { answer: TargetAnswer }): void;
  /** One HTTP call to a target ended (`ms` includes waiting for the target's rate limit); `status` absent without an answer. */
  request?(event: { targetId: string; method: string; ms: number; ok: boolean; status?: number }): void;
  /** A target entered (`reason` set) or left quarantine. */
  quarantine?(event: { targetId: string; quarantined: boolean; reason?: string }): void;
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** Calls a hook, ignoring its failure: observers never break delivery. */
export function notify<A>(hook: ((argument: A) => void) | undefined, argument: A): void {
  try {
    hook?.(argument);
  } catch {
    // An observer's bug must not stop delivery.
  }
}

/** Logs through the hooks, ignoring a logger's failure. */
export function log(hooks: OutboundHooks, level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
  try {
    hooks.log?.(level, message, fields);
  } catch {
    // A logger's failure must not stop delivery.
  }
}
