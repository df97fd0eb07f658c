import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubLogger } from '../logging';
import { type ErrorResponse, toErrorResponse } from './error-response';
import type { RouteTable } from './route-table';
import { SCIM_CONTENT_TYPE } from './scim-content-type';
import { SCIM_ERROR_SCHEMA } from './scim-error.shape';

/** The one global filter: every error leaves as a SCIM error body; unexpected ones are logged. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: HubLogger,
    private readonly routes?: RouteTable,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    let response = toErrorResponse(error, { requestId: String(request.id), method: request.method, path });
    if (response.status === 404) response = this.methodNotAllowed(request.method, path) ?? response;
    if (response.unexpected) {
      this.logger.error({ reqId: request.id, err: error, route: request.routeOptions?.url }, 'unexpected error');
    }
    if (reply.sent) return;
    void reply.status(response.status).headers({ ...response.headers, 'content-type': SCIM_CONTENT_TYPE }).send(response.body);
  }

  // A 404 because no route of this method serves the path, but routes of other methods do: 405 with Allow (RFC 9110 §15.5.6).
  private methodNotAllowed(method: string, path: string): ErrorResponse | undefined {
    const allowed = this.routes?.allowedMethods(path) ?? [];
    if (allowed.length === 0 || allowed.includes(method)) return undefined;
    const body = { schemas: [SCIM_ERROR_SCHEMA], status: '405', detail: `method ${method} not allowed on ${path}` };
    return { status: 405, body, unexpected: false, headers: { allow: allowed.join(', ') } };
  }
}
