/** Retry timing of one target: exponential backoff with jitter, capped, honouring the target's Retry-After. */
export interface RetryPolicy {
  /** Delay before the first retry (default 200 ms). */
  baseMs: number;
  /** Longest delay between retries (default 30 s). */
  maxMs: number;
  /** Attempts per change before it is parked (default 8). */
  maxAttempts: number;
}

/** The default retry policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 200, maxMs: 30_000, maxAttempts: 8 };

/**
 * Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, with "equal jitter" (half fixed,
 * half random) so that many resources failing together do not retry in lock-step; never shorter than the
 * target's `Retry-After`.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
