import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HubConfig } from '../config';
import { type HubLogger, PinoNestLogger } from '../logging';
import { MetricsService } from '../metrics';
import { registerJsonBodyParser } from './json-body.parser';
import { installRequestHooks } from './request-hooks';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { ScimExceptionFilter } from './scim-exception.filter';

/** Options of createHttpApp. */
export interface HttpAppOptions {
  readonly logger: HubLogger;
  /** Path prefix whose responses carry application/scim+json; default `/scim/v2`. */
  readonly scimPrefix?: string;
}

/**
 * Builds the Nest application on fastify with the hub's HTTP plumbing: lenient, safe JSON body
 * parsing with the configured limit, request ids, request context, SCIM content type, SCIM error
 * bodies for every error (including 404 and 413), access log and HTTP metrics. Returns it
 * initialised but not listening.
 */
export async function createHttpApp(module: unknown, config: HubConfig, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.maxBodyBytes,
    genReqId: (raw: IncomingMessage) => requestIdFrom(raw.headers[REQUEST_ID_HEADER]),
    // Our own access log (request-hooks.ts) logs route templates; fastify's would log raw URLs.
    logger: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const fastify = adapter.getInstance();
  registerJsonBodyParser(fastify, config.maxBodyBytes);
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    bodyParser: false,
    logger: new PinoNestLogger(options.logger),
  });
  installRequestHooks(fastify, {
    logger: options.logger,
    metrics: optionalMetrics(app),
    scimPrefix: options.scimPrefix ?? '/scim/v2',
  });
  app.useGlobalFilters(new ScimExceptionFilter(options.logger));
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
