// Whether a target fails "most or all" calls (Entra's quarantine rule): a sliding window of recent call
// outcomes, plus a run of consecutive failures (a quiet period may bring one resource's calls only).
// Only failures of the target itself count: no answer (connection refused, timeout), refused credentials
// (401, 403) or a gateway/unavailable answer (502, 503, 504). Refusals of one change (400, 409) are answers,
// a 500 may be one resource's trouble (retried, then parked), and 429 is the target pacing us.
import type { DeliveryError } from '../delivery/delivery-error';

/** Quarantine thresholds. */
export interface HealthPolicy {
  /** Calls remembered (default 10). */
  window: number;
  /** Fewest calls before judging, and the run of consecutive failures that quarantines (default 5). */
  minCalls: number;
  /** Share of failed calls that quarantines the target (default 0.8). */
  failureRatio: number;
}

/** The default quarantine thresholds. */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = { window: 10, minCalls: 5, failureRatio: 0.8 };

/** Whether a failed call counts against the target's health. */
export function countsAsTargetFailure(error: DeliveryError): boolean {
  return error.retriable && (error.status === undefined || [401, 403, 502, 503, 504].includes(error.status));
}

/** Recent call outcomes of one target. */
export class TargetHealth {
  private outcomes: boolean[] = [];
  private consecutive = 0;

  constructor(private readonly policy: HealthPolicy = DEFAULT_HEALTH_POLICY) {}

  /** Records a call: ok, or the error it failed with. */
  record(ok: boolean, error?: DeliveryError): void {
    const good = ok || !(error && countsAsTargetFailure(error));
    this.consecutive = good ? 0 : this.consecutive + 1;
    this.outcomes.push(good);
    if (this.outcomes.length > this.policy.window) this.outcomes.shift();
  }

  /** True when most recent calls failed. */
  failing(): boolean {
    if (this.consecutive >= this.policy.minCalls) return true;
    if (this.outcomes.length < this.policy.minCalls) return false;
    const failures = this.outcomes.filter((ok) => !ok).length;
    return failures / this.outcomes.length >= this.policy.failureRatio;
  }

  /** Forgets the window (the target recovered). */
  reset(): void {
    this.outcomes = [];
    this.consecutive = 0;
  }
}
