import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HubConfig } from '../config';
import { type HubLogger, PinoNestLogger } from '../logging';
import { MetricsService } from '../metrics';
import { clientErrorHandler, frameworkErrorHandler, refuseConnect, refuseExpectation } from './framework-errors';
import { registerJsonBodyParser } from './json-body.parser';
import { installRequestHooks } from './request-hooks';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { RouteTable } from './route-table';
import { ScimExceptionFilter } from './scim-exception.filter';
import { scimPathRewriter } from './scim-path.rewriter';

/** Options of createHttpApp. */
export interface HttpAppOptions {
  readonly logger: HubLogger;
  /** Path prefix whose responses carry application/scim+json; default `/scim/v2`. */
  readonly scimPrefix?: string;
  /** Endpoint names under the prefix matched in any case (`Users`, `Groups`, …); see scimPathRewriter. */
  readonly scimEndpoints?: readonly string[];
}

/**
 * Builds the Nest application on fastify with the hub's HTTP plumbing: lenient, safe JSON body
 * parsing with the configured limit, request ids, request context, SCIM content type, SCIM error
 * bodies for every error (including the router's and Node's HTTP parser's own: bad URLs, 404/405, 413,
 * 414, 431), case-insensitive SCIM endpoint names, access log and HTTP metrics. Returns it
 * initialised but not listening.
 */
export async function createHttpApp(module: unknown, config: HubConfig, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const scimPrefix = options.scimPrefix ?? '/scim/v2';
  const rewrite = scimPathRewriter(scimPrefix, options.scimEndpoints ?? []);
  const adapter = new FastifyAdapter({
    bodyLimit: config.maxBodyBytes,
    genReqId: (raw: IncomingMessage) => requestIdFrom(raw.headers[REQUEST_ID_HEADER]),
    // Our own access log (request-hooks.ts) logs route templates; fastify's would log raw URLs.
    logger: false,
    // Draining answers 503 with a SCIM body and Retry-After from the request hooks instead.
    return503OnClosing: false,
    // Schema URNs of custom extensions (GET /Schemas/{urn}) outgrow fastify's default of 100 characters.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    rewriteUrl: (raw: IncomingMessage) => rewrite(raw.url ?? '/'),
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  const fastify = adapter.getInstance();
  fastify.server.on('connect', refuseConnect);
  fastify.server.on('checkExpectation', refuseExpectation);
  const routes = new RouteTable();
  routes.watch(fastify);
  registerJsonBodyParser(fastify, config.maxBodyBytes);
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    bodyParser: false,
    logger: new PinoNestLogger(options.logger),
  });
  installRequestHooks(fastify, {
    logger: options.logger,
    metrics: optionalMetrics(app),
    scimPrefix,
  });
  app.useGlobalFilters(new ScimExceptionFilter(options.logger, routes));
  await app.init();
  return app;
}

function optionalMetrics(app: NestFastifyApplication): MetricsService | undefined {
  try {
    return app.get(MetricsService, { strict: false });
  } catch {
    return undefined;
  }
}
