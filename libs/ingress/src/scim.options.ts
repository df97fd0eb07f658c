import type { CustomSchemaDefinition } from '@scim-hub/scim';

/** What the SCIM API needs from configuration. */
export interface ScimOptions {
  /** Public base URL of the hub, without the SCIM base path (e.g. https://scim.example.com). */
  publicUrl: string;
  /** Largest `count` a list request may ask for; larger values are clamped (RFC 7644 §3.4.2.4). */
  maxPageSize: number;
  /** Custom extension schemas declared in configuration. */
  customSchemas?: CustomSchemaDefinition[];
  /** How long a write waits for the read model to catch up before answering (read-your-writes). */
  projectionWaitMs?: number;
  /** Refuse attribute names the schemas do not define (400) instead of ignoring them (HUB_SCHEMA_STRICT). */
  schemaStrict?: boolean;
}

/** The SCIM base path under the public URL (docs/architecture.md). */
export const SCIM_BASE_PATH = '/scim/v2';

/** The endpoint names under the base path (RFC 7644 §3.2), which the hub matches in any case. */
export const SCIM_ENDPOINT_NAMES: readonly string[] = ['Users', 'Groups', 'ServiceProviderConfig', 'Schemas', 'ResourceTypes', '.search'];
