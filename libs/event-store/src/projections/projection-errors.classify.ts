/**
 * Whether a failure says nothing about the event being applied (a database that is down or restarting): such
 * batches are retried without end and never poison a projection. Port errors name themselves `…Unavailable`;
 * delivery-style errors may carry `retriable`.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { name, retriable } = error as { name?: unknown; retriable?: unknown };
  return retriable === true || (typeof name === 'string' && name.endsWith('Unavailable'));
}

/** A one-line description of an error for status and logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
