// The body a target receives for a source resource: identity (the resource minus what the target owns or
// derives) or the target's attribute mappings (source path → target path, constants, simple transforms).
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type JsonObject, type JsonValue, type ScimResource } from '@scim-hub/scim';
import type { AttributeMapping, TargetDefinition, TargetResourceType } from '../target.definition';
import { getPath, setPath } from './attribute-path';

// RFC 7643 §3.1 and §4.1: id and meta belong to the service provider, groups is read-only and derived from
// group membership; members travel separately (they need the target's ids).
const NOT_COPIED = new Set(['id', 'meta', 'groups', 'members']);

function transformed(value: JsonValue, transform: AttributeMapping['transform']): JsonValue {
  if (typeof value !== 'string' || !transform) return value;
  if (transform === 'lowercase') return value.toLowerCase();
  if (transform === 'uppercase') return value.toUpperCase();
  return value.trim();
}

function identityBody(resource: ScimResource): JsonObject {
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) if (!NOT_COPIED.has(key.toLowerCase())) body[key] = value;
  return body;
}

function mappedBody(resource: ScimResource, mappings: AttributeMapping[], coreSchema: string): JsonObject {
  const body: JsonObject = {};
  for (const mapping of mappings) {
    const value = mapping.constant !== undefined ? (mapping.constant as JsonValue) : mapping.source ? getPath(resource, mapping.source) : undefined;
    // Entra does not provision null source values (attribute skipped); neither do we.
    if (value === undefined || value === null) continue;
    setPath(body, mapping.target, transformed(value, mapping.transform));
  }
  const extensions = Object.keys(body).filter((key) => key.toLowerCase().startsWith('urn:'));
  body['schemas'] = [coreSchema, ...extensions];
  return body;
}

/** The body (without members) a target receives for a source User or Group; mappings apply to users only. */
export function targetBody(resource: ScimResource, target: TargetDefinition, resourceType: TargetResourceType): JsonObject {
  const coreSchema = resourceType === 'Users' ? USER_SCHEMA : GROUP_SCHEMA;
  const mappings = target.mappings ?? [];
  if (mappings.length === 0 || resourceType === 'Groups') return withSchemas(identityBody(resource), coreSchema);
  return mappedBody(resource, mappings, coreSchema);
}

function withSchemas(body: JsonObject, coreSchema: string): JsonObject {
  if (!Array.isArray(body['schemas'])) body['schemas'] = [coreSchema, ...(body[ENTERPRISE_USER_SCHEMA] ? [ENTERPRISE_USER_SCHEMA] : [])];
  return body;
}
