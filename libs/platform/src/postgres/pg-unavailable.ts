// Which `pg` failures mean "the server cannot be used right now" rather than "this statement is wrong": every
// PostgreSQL adapter (event store, read model, token store, key store) turns these into its port's Unavailable
// error, which the HTTP layer answers with 503 and Retry-After (docs/operations.md, "Store outages").

// SQLSTATE classes: connection exceptions (08), insufficient resources (53), operator intervention (57, e.g.
// 57P01 when pg_terminate_backend ends the session), system errors (58).
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
// pg reports a socket closed under it, or a pool that gave up, without a code: only by message.
const DRIVER_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|pool after calling end/i;

/**
 * Why `error` means the server cannot be used right now (its SQLSTATE or socket code, else pg's message), or
 * undefined when the failure is about the statement (a bug, a constraint) and must be passed on unchanged.
 */
export function pgUnavailableReason(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && UNAVAILABLE_SQLSTATE.test(code)))) return code;
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return message;
  return undefined;
}
