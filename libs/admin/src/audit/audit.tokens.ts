import type { AuditReader, ErasureContext, ErasureOutcome } from '@scim-hub/audit';
import type { ResourceSchema } from '@scim-hub/scim';

/** What the audit and erasure endpoints run on; composed by the hub (services/hub/src/compose/audit.composition.ts). */
export interface AuditServices {
  reader: AuditReader;
  /** Schemas a point-in-time resource is rendered with (custom schemas included). */
  schemas: Record<'User' | 'Group', ResourceSchema>;
  /** The SCIM base URL for `meta.location` (`<public URL>/scim/v2`). */
  scimBaseUrl: string;
  /** Erases a user's personal data (docs/audit.md). */
  eraseUser(tenant: string, id: string, context: ErasureContext): Promise<ErasureOutcome>;
}

/** Injection token of the AuditServices. */
export const AUDIT_SERVICES = Symbol('AUDIT_SERVICES');
