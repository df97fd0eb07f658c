import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '../context';
import type { HubLogger } from '../logging';
import type { MetricsService } from '../metrics';
import { REQUEST_ID_HEADER } from './request-id';
import { SCIM_CONTENT_TYPE } from './scim-content-type';
import { HttpScimError } from './scim-error.shape';

/** What the request hooks need. */
export interface RequestHookOptions {
  readonly logger: HubLogger;
  readonly metrics?: MetricsService;
  /** Responses under this path prefix get the SCIM media type. */
  readonly scimPrefix: string;
}

const contexts = new WeakMap<FastifyRequest, RequestContext>();
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
const UNMATCHED = 'unmatched';

/** The context of `request`, set when the request arrived. */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return contexts.get(request);
}

/** Parameter decorator: the context of the current request (undefined in an app not built with createHttpApp). */
export const CallerContext = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext | undefined =>
  requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

/**
 * Longest request URL accepted (path and query). Longer ones get 414: a query that long belongs in a
 * POST …/.search body (RFC 7644 §3.4.3). Below it, an over-long filter still reaches the filter parser and gets
 * its own 400 invalidFilter (filters are limited to 4,096 characters, percent-encoding can triple that); Node
 * refuses header blocks over 16 KiB with 431 before this runs.
 */
export const MAX_URL_LENGTH = 12 * 1024;

/** Installs request id echo, request context, SCIM content type, access log and HTTP metrics. */
export function installRequestHooks(fastify: FastifyInstance, options: RequestHookOptions): void {
  let closing = false;
  fastify.addHook('onRequest', (request, reply, done) => {
    const userAgent = request.headers['user-agent']?.slice(0, 256);
    const context: RequestContext = { requestId: String(request.id), clientAddress: request.ip, userAgent };
    contexts.set(request, context);
    void reply.header(REQUEST_ID_HEADER, request.id);
    const refusal = refusalOf(request, closing);
    if (refusal) return done(refusal);
    done();
  });
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // Callback-style hooks: on every response, an async hook would cost a promise for nothing.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // Draining: a kept-alive connection would otherwise hold the server open after its last response.
    if (closing) void reply.header('connection', 'close');
    const type = reply.getHeader('content-type');
    if (isUnder(request.url, options.scimPrefix) && typeof type === 'string' && type.startsWith('application/json')) {
      void reply.header('content-type', SCIM_CONTENT_TYPE);
    }
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    recordResponse(request, reply, options);
    done();
  });
}

// Requests refused before routing: a request on a kept-alive connection while draining (its stores are
// about to close), and a URL over MAX_URL_LENGTH.
function refusalOf(request: FastifyRequest, closing: boolean): HttpScimError | undefined {
  if (closing) return new HttpScimError(503, undefined, 'the hub is shutting down, retry later');
  const length = request.originalUrl?.length ?? request.url.length;
  if (length > MAX_URL_LENGTH) {
    return new HttpScimError(414, undefined, `request URL longer than ${MAX_URL_LENGTH} characters; send long filters with POST .search`);
  }
  return undefined;
}

// Logs the route template, never the URL: query strings carry filters with personal data.
function recordResponse(request: FastifyRequest, reply: FastifyReply, options: RequestHookOptions): void {
  const route = request.routeOptions?.url ?? UNMATCHED;
  const status = reply.statusCode;
  const ms = Math.round(reply.elapsedTime * 10) / 10;
  options.metrics?.observeRequest(route, request.method, status, reply.elapsedTime / 1000);
  const level = PROBES.has(route) && status < 400 ? 'debug' : 'info';
  options.logger[level]({ reqId: request.id, method: request.method, route, status, ms }, 'request completed');
}

function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}
