import { DEFAULT_TENANT } from '../tenant';
import type { TokenStore } from '../token-store.port';

/** What happened to the initial token at start. */
export type InitialTokenOutcome =
  | { readonly kind: 'bootstrap'; readonly id: string; readonly created: boolean }
  | { readonly kind: 'generated'; readonly id: string; readonly token: string }
  | { readonly kind: 'existing' };

/**
 * At start: with HUB_BOOTSTRAP_TOKEN, make sure it is a token of tenant `default` (docs/architecture.md). Without it,
 * and only when no token was ever stored, generate one for `default` so a first run is usable; the caller
 * prints it once (its hash is all that is kept, so it can never be shown again).
 */
export async function ensureInitialToken(store: TokenStore, bootstrapToken?: string): Promise<InitialTokenOutcome> {
  if (bootstrapToken) {
    const { id, created } = await store.ensureBootstrapToken(DEFAULT_TENANT, bootstrapToken);
    return { kind: 'bootstrap', id, created };
  }
  if (await store.hasAnyToken()) return { kind: 'existing' };
  const { id, token } = await store.create(DEFAULT_TENANT, 'generated at first start');
  return { kind: 'generated', id, token };
}

/** The framed first-start message: the token once, and where to paste it. */
export function firstTokenBanner(token: string, scimBaseUrl: string): string {
  const rule = '='.repeat(78);
  return [
    '',
    rule,
    '  scim-hub: first start, no token configured. A SCIM token for tenant "default" was generated.',
    '  It is shown ONCE and stored only as a hash. Paste this as Secret Token in Entra ID:',
    '',
    `    ${token}`,
    '',
    `  Tenant URL: ${scimBaseUrl}`,
    '  Lost it? Revoke it and create another: npm run hub -- tokens create --tenant default',
    rule,
    '',
  ].join('\n');
}
