// What a failed call to a target means for delivery. Retry logic reads only `retriable`; the status and an
// excerpt of the target's answer travel with the error so that a parked change shows why it was refused.

/** A failed call to a target: retriable (5xx, 429, 401, timeouts, connection errors) or not (other 4xx). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    message: string,
    readonly retriable: boolean,
    /** HTTP status of the target's answer; absent when no answer arrived (timeout, connection refused). */
    readonly status?: number,
    /** The first characters of the target's answer body. */
    readonly bodyExcerpt?: string,
    /** Delay the target asked for (`Retry-After`), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const EXCERPT_LENGTH = 500;

/** Cuts a response body down to what a parked change keeps. */
export function excerpt(body: string): string {
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body;
}

// RFC 9110 §15: 5xx are the server's trouble and 429 asks to come back later (RFC 6585 §4). 401/403 are the
// target's credentials, not the change: parking every change behind a revoked token would need a redrive of
// all of them, so they count as retriable and let quarantine hold the target until the token works again.
/** Whether a target's HTTP status is worth retrying. */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || status === 401 || status === 403;
}

/** Parses `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Parses a target's JSON answer; an answer that is not JSON is the target's fault, not retried. */
export function parseAnswer<T>(text: string, status: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DeliveryError(`target answered ${status} with a body that is not JSON`, false, status, excerpt(text));
  }
}
