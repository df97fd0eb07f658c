// Target configuration changes are events in the same store as identity events, so they share its audit
// trail (actor, request id, time). One stream per target: `<tenant>/Target/<id>`; the SCIM read model reads
// only `User` and `Group` streams and skips these.
import type { TargetDefinition } from '@scim-hub/outbound';
import type { SealedSecret } from './secret-cipher';

/** Auth as stored: every secret sealed. */
export type StoredAuth =
  | { type: 'bearer'; token: SealedSecret }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: SealedSecret; scope?: string };

/** A target as stored in its events: the definition with sealed credentials. */
export interface StoredTarget extends Omit<TargetDefinition, 'auth'> {
  auth: StoredAuth;
}

/** A target was registered (also again after a removal). */
export interface TargetAdded {
  type: 'TargetAdded';
  data: { target: StoredTarget };
}

/** A target's configuration was replaced; `target` is the whole new configuration. */
export interface TargetChanged {
  type: 'TargetChanged';
  data: { target: StoredTarget };
}

/** A target was removed; the dispatcher stops delivering to it. */
export interface TargetRemoved {
  type: 'TargetRemoved';
  data: { id: string };
}

/** Every target event. */
export type TargetEvent = TargetAdded | TargetChanged | TargetRemoved;

/** Schema version of the target events' data. */
export const TARGET_EVENT_SCHEMA_VERSION = 1;

/** The stream of a target. */
export function targetStreamId(tenant: string, id: string): string {
  return `${tenant}/Target/${id}`;
}

const TARGET_STREAM = /^([^/]+)\/Target\/([^/]+)$/;

/** Tenant and id of a target stream, or undefined for any other stream. */
export function parseTargetStreamId(streamId: string): { tenant: string; id: string } | undefined {
  const match = TARGET_STREAM.exec(streamId);
  return match ? { tenant: match[1], id: match[2] } : undefined;
}
