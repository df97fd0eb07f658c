// Whether a target fails "most or all" calls (Entra's quarantine rule): a sliding window of recent call
// outcomes. Refusals of one change (400, 409) are answers, not failures of the target; throttling (429)
// is the target pacing us, not failing.
import type { DeliveryError } from '../delivery/delivery-error';

/** Quarantine thresholds. */
export interface HealthPolicy {
  /** Calls remembered (default 10). */
  window: number;
  /** Fewest calls before judging (default 5). */
  minCalls: number;
  /** Share of failed calls that quarantines the target (default 0.8). */
  failureRatio: number;
}

/** The default quarantine thresholds. */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = { window: 10, minCalls: 5, failureRatio: 0.8 };

/** Whether a failed call counts against the target's health. */
export function countsAsTargetFailure(error: DeliveryError): boolean {
  return error.retriable && error.status !== 429;
}

/** Recent call outcomes of one target. */
export class TargetHealth {
  private outcomes: boolean[] = [];

  constructor(private readonly policy: HealthPolicy = DEFAULT_HEALTH_POLICY) {}

  /** Records a call: ok, or the error it failed with. */
  record(ok: boolean, error?: DeliveryError): void {
    if (!ok && error && error.status === 429) return;
    this.outcomes.push(ok || !(error && countsAsTargetFailure(error)));
    if (this.outcomes.length > this.policy.window) this.outcomes.shift();
  }

  /** True when most recent calls failed. */
  failing(): boolean {
    if (this.outcomes.length < this.policy.minCalls) return false;
    const failures = this.outcomes.filter((ok) => !ok).length;
    return failures / this.outcomes.length >= this.policy.failureRatio;
  }

  /** Forgets the window (the target recovered). */
  reset(): void {
    this.outcomes = [];
  }
}
