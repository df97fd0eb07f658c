// The Authorization header for a target: a fixed bearer token, or an OAuth2 client-credentials token
// (RFC 6749 §4.4) fetched once and cached until shortly before it expires, or until the target refuses it.
import type { TargetAuth } from '../target.definition';
import { DeliveryError, excerpt, isRetriableStatus, parseAnswer } from '../delivery/delivery-error';

/** Gives the Authorization header value for a target's calls. */
export interface TokenProvider {
  authorization(): Promise<string>;
  /** Forgets a cached token (the target answered 401). */
  invalidate(): void;
}

// Refresh a little early so that a token does not expire between being read and being checked.
const EXPIRY_MARGIN_MS = 30_000;

/** A token provider for a target's auth settings. */
export function tokenProvider(auth: TargetAuth, timeoutMs: number, now: () => number = Date.now): TokenProvider {
  if (auth.type === 'bearer') return { authorization: async () => `Bearer ${auth.token}`, invalidate: () => undefined };
  let cached: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
    if (auth.scope) form.set('scope', auth.scope);
    const response = await fetch(auth.tokenUrl, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
      throw new DeliveryError(`token endpoint unreachable: ${(error as Error).message}`, true);
    });
    const text = await response.text();
    if (!response.ok) throw new DeliveryError(`token endpoint answered ${response.status}`, isRetriableStatus(response.status), response.status, excerpt(text));
    const json = parseAnswer<{ access_token?: string; expires_in?: number }>(text, response.status);
    if (!json.access_token) throw new DeliveryError('token endpoint answered without access_token', false, response.status, excerpt(text));
    cached = { value: `Bearer ${json.access_token}`, expiresAt: now() + (json.expires_in ?? 3600) * 1000 - EXPIRY_MARGIN_MS };
    return cached.value;
  };
  return {
    async authorization() {
      if (cached && cached.expiresAt > now()) return cached.value;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    invalidate: () => (cached = undefined),
  };
}
