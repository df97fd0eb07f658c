import { HttpException } from '@nestjs/common';
import { SCIM_ERROR_SCHEMA, type ScimErrorBody, isScimErrorShape, isUnavailableShape } from './scim-error.shape';

/** An error rendered for the wire; `unexpected` errors are logged with their stack. */
export interface ErrorResponse {
  readonly status: number;
  readonly body: ScimErrorBody;
  readonly unexpected: boolean;
  /** Extra response headers (`Retry-After` on 503). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Seconds a client should wait before retrying a 503. Entra ID retries 503 and 429 honouring
 * Retry-After (docs/operations.md "Store outages"); a few seconds covers a PostgreSQL failover.
 */
export const RETRY_AFTER_SECONDS = 5;

/** What the renderer needs to know about the failed request. */
export interface FailedRequest {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
}

const body = (status: number, detail: string, extra: Partial<ScimErrorBody> = {}): ScimErrorBody => ({
  schemas: [SCIM_ERROR_SCHEMA],
  status: String(status),
  ...extra,
  detail,
});

/**
 * Renders any thrown value as a SCIM error (RFC 7644 §3.12, `status` as a string — Entra expects it):
 * ScimError as is, Nest/fastify HTTP errors by their status, anything else as a 500 that names only
 * the request id, never internals (docs/development.md).
 */
export function toErrorResponse(error: unknown, request: FailedRequest): ErrorResponse {
  if (isScimErrorShape(error)) return withRetryAfter({ status: error.status, body: error.toJSON(), unexpected: false });
  if (isUnavailableShape(error)) return unavailable(error);
  if (error instanceof HttpException) return fromHttpException(error, request);
  const status = statusOfFrameworkError(error);
  if (status !== undefined) return { status, body: body(status, describe(status, request)), unexpected: false };
  return { status: 500, body: body(500, `internal error, request id ${request.requestId}`), unexpected: true };
}

// A store that cannot be reached is the caller's cue to retry later, not a server bug: 503, never 500.
function unavailable(error: Error): ErrorResponse {
  const what = /^ReadModel/.test(error.name) ? 'the read model' : /^TokenStore/.test(error.name) ? 'the token store' : 'the event store';
  return withRetryAfter({ status: 503, body: body(503, `${what} is unavailable, retry later`), unexpected: false });
}

function withRetryAfter(response: ErrorResponse): ErrorResponse {
  return response.status === 503 ? { ...response, headers: { ...response.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } } : response;
}

function fromHttpException(error: HttpException, request: FailedRequest): ErrorResponse {
  const status = error.getStatus();
  if (status >= 500) {
    return { status, body: body(status, `internal error, request id ${request.requestId}`), unexpected: true };
  }
  const response = error.getResponse();
  const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : undefined;
  // class-validator failures (ValidationPipe) arrive as a list of messages.
  if (status === 400 && Array.isArray(messages)) {
    return { status, body: body(status, messages.join('; '), { scimType: 'invalidValue' }), unexpected: false };
  }
  return { status, body: body(status, describe(status, request, error.message)), unexpected: false };
}

// fastify errors (body too large, bad content length, ...) carry a 4xx statusCode.
function statusOfFrameworkError(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function describe(status: number, request: FailedRequest, fallback?: string): string {
  switch (status) {
    case 404:
      // Nest's unknown-route message ("Cannot GET /x?filter=...") would echo the query string, which
      // may hold a filter with personal data: name the path only.
      return fallback && !fallback.startsWith('Cannot ') ? fallback : `no endpoint ${request.method} ${request.path}`;
    case 405:
      return `method ${request.method} not allowed on ${request.path}`;
    case 413:
      return 'request body is too large';
    default:
      return fallback ?? `request failed with status ${status}`;
  }
}
