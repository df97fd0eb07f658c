// Which streams the audit trail covers: resource streams (`<tenant>/User/<id>`, `<tenant>/Group/<id>`) and the
// erasure stream of a user (`<tenant>/Erasure/User/<id>`), which is kept apart so that the write side and the
// read model never meet an event type they do not know.

/** The resource types the audit trail covers. */
export type AuditedResourceType = 'User' | 'Group';

/** A stream the audit index covers and the resource it belongs to. */
export interface AuditedStream {
  tenant: string;
  resourceType: AuditedResourceType;
  id: string;
  kind: 'resource' | 'erasure';
}

const RESOURCE_STREAM = /^([^/]+)\/(User|Group)\/(.+)$/;
const ERASURE_STREAM = /^([^/]+)\/Erasure\/(User)\/(.+)$/;

/** Parses a stream id; undefined for streams outside the audit trail (uniqueness reservations …). */
export function parseAuditedStream(streamId: string): AuditedStream | undefined {
  const resource = RESOURCE_STREAM.exec(streamId);
  if (resource) return { tenant: resource[1], resourceType: resource[2] as AuditedResourceType, id: resource[3], kind: 'resource' };
  const erasure = ERASURE_STREAM.exec(streamId);
  if (erasure) return { tenant: erasure[1], resourceType: 'User', id: erasure[3], kind: 'erasure' };
  return undefined;
}

/** Stream id of the erasure record of a user: `<tenant>/Erasure/User/<id>`. */
export function erasureStreamId(tenant: string, userId: string): string {
  return `${tenant}/Erasure/User/${userId}`;
}
