import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestContextOf } from '@scim-hub/platform';
import { unauthorized } from '@scim-hub/scim';
import type { FastifyRequest } from 'fastify';
import type { TokenPrincipal } from '../token-store.port';

// Fallback for apps not built with createHttpApp (no request context): principals keyed by request.
const detached = new WeakMap<object, TokenPrincipal>();

/** Records the authenticated principal in the request context (read by handlers, logs and event metadata). */
export function attachPrincipal(request: FastifyRequest, principal: TokenPrincipal): void {
  const context = requestContextOf(request);
  if (context) context.principal = principal;
  else detached.set(request, principal);
}

/** The principal the bearer guard attached to `request`, if any. */
export function principalOf(request: FastifyRequest): TokenPrincipal | undefined {
  return requestContextOf(request)?.principal ?? detached.get(request);
}

/** Parameter decorator: the authenticated `{ tenant, tokenId }`; the only source of the tenant. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): TokenPrincipal => {
  const principal = principalOf(ctx.switchToHttp().getRequest<FastifyRequest>());
  if (!principal) throw unauthorized('authentication required');
  return principal;
});
