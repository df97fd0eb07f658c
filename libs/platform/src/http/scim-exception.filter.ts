import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubLogger } from '../logging';
import { toErrorResponse } from './error-response';
import { SCIM_CONTENT_TYPE } from './scim-content-type';

/** The one global filter: every error leaves as a SCIM error body; unexpected ones are logged. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: HubLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const response = toErrorResponse(error, { requestId: String(request.id), method: request.method, path });
    if (response.unexpected) {
      this.logger.error({ reqId: request.id, err: error, route: request.routeOptions?.url }, 'unexpected error');
    }
    if (reply.sent) return;
    void reply.status(response.status).header('content-type', SCIM_CONTENT_TYPE).send(response.body);
  }
}
