import type { ReadModelResourceType } from '../read-model.port';

/** Identifies one stored resource. */
export interface ResourceKey {
  tenant: string;
  resourceType: ReadModelResourceType;
  id: string;
}

// docs/architecture.md: resource streams are `<tenant>/User/<id>` and `<tenant>/Group/<id>`; anything else
// (e.g. `<tenant>/Unique/...` reservation streams) is not projected.
const RESOURCE_STREAM = /^([^/]+)\/(User|Group)\/(.+)$/;

/** The resource a stream id belongs to, or undefined for streams the read model ignores. */
export function parseResourceStreamId(streamId: string): ResourceKey | undefined {
  const match = RESOURCE_STREAM.exec(streamId);
  if (!match) return undefined;
  return { tenant: match[1], resourceType: match[2] as ReadModelResourceType, id: match[3] };
}

/** A map key for a resource key. */
export function resourceKeyString(key: ResourceKey): string {
  return `${key.tenant}/${key.resourceType}/${key.id}`;
}
