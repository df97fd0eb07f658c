import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { bearerTokenOf } from '@scim-hub/access/nest';
import { type HubConfig, InjectConfig } from '@scim-hub/platform';
import { notFound, unauthorized } from '@scim-hub/scim';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Guards /admin with HUB_ADMIN_TOKEN. Unset → 404 for every admin route: the admin API does not exist
 * unless an operator enabled it, and a scanner learns nothing (401 would confirm it is there).
 * Comparison is of SHA-256 digests with timingSafeEqual: equal lengths, constant time, so neither the
 * token's length nor a matching prefix shows in response times.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@InjectConfig() config: HubConfig) {
    this.expected = config.adminToken ? sha256(config.adminToken) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!this.expected) throw notFound(`no endpoint ${request.method} ${request.url.split('?')[0]}`);
    const token = bearerTokenOf(request.headers.authorization);
    if (token && timingSafeEqual(sha256(token), this.expected)) return true;
    void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="admin"');
    throw unauthorized('admin API: missing or invalid bearer token (HUB_ADMIN_TOKEN)');
  }
}
