// What a downstream SCIM application ("target") is to the outbound dispatcher. The admin API, the CLI and
// HUB_TARGETS_FILE produce these; the dispatcher only reads them. Secrets arrive here in clear: storing them
// encrypted is the target registry's job, never the dispatcher's.

/** SCIM resource types a target can receive. */
export type TargetResourceType = 'Users' | 'Groups';

/** How the hub authenticates to a target. */
export type TargetAuth =
  | { type: 'bearer'; token: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

/** Which users a target receives: a SCIM filter on users and/or membership of listed groups (both must hold when both are given). */
export interface TargetScope {
  userFilter?: string;
  /** Source group ids; a user is in scope when it is a (direct) member of one of them. */
  groups?: string[];
}

/** One attribute mapping: copy a source attribute path, or set a constant, optionally transformed. */
export interface AttributeMapping {
  /** Target attribute path (e.g. `userName`, `name.givenName`, `urn:…:enterprise:2.0:User:department`). */
  target: string;
  /** Source attribute path; exactly one of `source` and `constant`. */
  source?: string;
  constant?: unknown;
  transform?: 'lowercase' | 'uppercase' | 'trim';
}

/** A target as the dispatcher sees it. */
export interface TargetDefinition {
  id: string;
  /** Tenant whose changes this target receives (default `default`). */
  tenant: string;
  /** SCIM base URL, e.g. `https://app.example.com/scim/v2` (no trailing slash). */
  baseUrl: string;
  auth: TargetAuth;
  resourceTypes: TargetResourceType[];
  scope?: TargetScope;
  /** Empty or absent: identity (every attribute as the hub has it, read-only ones dropped). */
  mappings?: AttributeMapping[];
  /** Matching attributes in precedence order (default `['userName', 'externalId']`). */
  matchBy: string[];
  onDeprovision: 'disable' | 'delete';
  /** Requests per second to this target (absent: unlimited). */
  rateLimitPerSecond?: number;
  /** Requests in flight at once (default 4). */
  concurrency: number;
  /** A disabled target keeps its cursor and state but receives nothing. */
  enabled: boolean;
}

/** Where the dispatcher gets its targets from; `subscribe` tells it when the set changes. */
export interface TargetSource {
  list(): Promise<TargetDefinition[]>;
  /** Calls `listener` after any target is added, changed or removed; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
