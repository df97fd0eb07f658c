import type { AttributeMapping, TargetDefinition, TargetScope } from '@scim-hub/outbound';

/** Bearer auth as written by an operator; `token` may be absent on a change (keep the stored one). */
export interface BearerAuthInput {
  type: 'bearer';
  token?: string;
}

/** OAuth2 client credentials as written by an operator; `clientSecret` may be absent on a change. */
export interface OAuth2AuthInput {
  type: 'oauth2';
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  scope?: string;
}

/** Auth as written by an operator. */
export type AuthInput = BearerAuthInput | OAuth2AuthInput;

/** A validated target body with every default applied; only the secret may still be missing. */
export interface TargetInput extends Omit<TargetDefinition, 'auth'> {
  auth: AuthInput;
}

/** Where defaults come from, named once (docs/outbound.md "Target fields" lists the same values). */
export const TARGET_DEFAULTS = {
  tenant: 'default',
  resourceTypes: ['Users', 'Groups'],
  matchBy: ['userName', 'externalId'],
  onDeprovision: 'disable',
  concurrency: 4,
  enabled: true,
} as const;

export type { AttributeMapping, TargetScope };
