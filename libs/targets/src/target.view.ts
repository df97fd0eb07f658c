import type { TargetDefinition } from '@scim-hub/outbound';
import type { TargetRecord } from './target-state';
import { type MaskedAuth, maskAuth } from './target-sealing';

/** A target as the admin API and the CLI show it: never a secret in clear. */
export interface TargetView extends Omit<TargetDefinition, 'auth'> {
  auth: MaskedAuth;
  meta: { created: string; lastModified: string; lastModifiedBy?: string; version: number };
}

/** The view of a stored target. */
export function viewOf(record: TargetRecord): TargetView {
  const { auth, ...rest } = record.target;
  return {
    ...rest,
    auth: maskAuth(auth),
    meta: {
      created: record.created,
      lastModified: record.lastModified,
      ...(record.lastModifiedBy ? { lastModifiedBy: record.lastModifiedBy } : {}),
      version: record.revision,
    },
  };
}
