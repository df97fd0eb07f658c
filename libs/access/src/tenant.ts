/** The tenant Entra's Secret Token belongs to (docs/architecture.md: HUB_BOOTSTRAP_TOKEN is for tenant `default`). */
export const DEFAULT_TENANT = 'default';

/** Tenant names appear in stream ids (`<tenant>/User/<id>`, docs/architecture.md): no `/`, no spaces, bounded length. */
export const TENANT_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,62})$/;

/** Human-readable rule for tenant names, for error messages. */
export const TENANT_RULE = 'lowercase letters, digits, "-" or "_", starting with a letter or digit, at most 63 characters';

/** True when `tenant` is a valid tenant name. */
export function isValidTenant(tenant: unknown): tenant is string {
  return typeof tenant === 'string' && TENANT_PATTERN.test(tenant);
}
