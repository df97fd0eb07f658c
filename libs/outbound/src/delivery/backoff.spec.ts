import { backoffDelay, DEFAULT_RETRY_POLICY } from './backoff';
import { isRetriableStatus, parseRetryAfter } from './delivery-error';

describe('backoff', () => {
  it('doubles from the base with jitter between half and all of the step, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, undefined, () => 1)).toBe(1000);
  });

  it('never retries before the target’s Retry-After', () => {
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, 2000, () => 1)).toBe(2000);
  });

  it('parses Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('retries 5xx, 429, 408 and credential refusals; not other 4xx', () => {
    expect([500, 502, 503, 429, 408, 401, 403].every(isRetriableStatus)).toBe(true);
    expect([400, 404, 409, 412, 422].some(isRetriableStatus)).toBe(false);
  });
});
