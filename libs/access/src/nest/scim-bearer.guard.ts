import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { unauthorized } from '@scim-hub/scim';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BearerAuthenticator } from './bearer-authenticator';
import { attachPrincipal } from './principal';

/**
 * Authenticates SCIM requests by `Authorization: Bearer <token>` (docs/entra-compatibility.md, transport and authentication: one bearer token) and
 * puts `{ tenant, tokenId }` in the request context. Tenant isolation starts here: handlers take the
 * tenant only from that principal. Missing or invalid → 401 SCIM error with `WWW-Authenticate: Bearer`.
 */
@Injectable()
export class ScimBearerGuard implements CanActivate {
  constructor(private readonly authenticator: BearerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const principal = await this.authenticator.authenticate(header);
    if (principal) {
      attachPrincipal(request, principal);
      return true;
    }
    // RFC 6750 §3: no error code when credentials are absent; invalid_token when they do not verify.
    const challenge = header ? 'Bearer realm="scim", error="invalid_token"' : 'Bearer realm="scim"';
    void http.getResponse<FastifyReply>().header('www-authenticate', challenge);
    throw unauthorized(header ? 'invalid or revoked bearer token' : 'missing bearer token (Authorization: Bearer <token>)');
  }
}
