import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './attribute-definition';
import { commonAttributes } from './common.attributes';

/** A resource type with its core schema and extension schemas resolved: everything the protocol needs to know about it. */
export interface ResourceSchema {
  resourceType: ResourceTypeDefinition;
  core: SchemaDefinition;
  extensions: SchemaDefinition[];
}

/** An attribute path split into its parts: optional schema URN, attribute name, optional sub-attribute. */
export interface AttributeRef {
  schema?: string;
  name: string;
  sub?: string;
}

/** Where an attribute lives: the schema that declares it (undefined for common attributes) and its definitions. */
export interface ResolvedAttribute {
  /** URN of the declaring schema; `undefined` for id, externalId and meta. */
  schema: string | undefined;
  /** True when the attribute is stored under its schema URN key (extension attributes). */
  inExtension: boolean;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
}

const lower = (s: string) => s.toLowerCase();

function findByName(list: AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  const n = lower(name);
  return list?.find((a) => lower(a.name) === n);
}

/** Every schema of the resource type, core first. */
export function allSchemas(rs: ResourceSchema): SchemaDefinition[] {
  return [rs.core, ...rs.extensions];
}

/** Finds the schema whose URN equals `urn`, case-insensitively (RFC 7643 §2.1). */
export function findSchema(rs: ResourceSchema, urn: string): SchemaDefinition | undefined {
  const u = lower(urn);
  return allSchemas(rs).find((s) => lower(s.id) === u);
}

/**
 * Resolves an attribute reference against a resource type, case-insensitively (RFC 7643 §2.1).
 * Without a schema URN the core schema and common attributes are searched, then the extensions.
 */
export function resolveAttribute(rs: ResourceSchema, ref: AttributeRef): ResolvedAttribute | undefined {
  const candidates: { schema: SchemaDefinition | undefined; inExtension: boolean }[] = [];
  if (ref.schema) {
    const schema = findSchema(rs, ref.schema);
    if (!schema) return undefined;
    candidates.push({ schema, inExtension: schema !== rs.core });
  } else {
    candidates.push({ schema: undefined, inExtension: false }, { schema: rs.core, inExtension: false });
    for (const ext of rs.extensions) candidates.push({ schema: ext, inExtension: true });
  }
  for (const c of candidates) {
    const attribute = findByName(c.schema ? c.schema.attributes : commonAttributes, ref.name);
    if (!attribute) continue;
    if (ref.sub === undefined) return { schema: c.schema?.id, inExtension: c.inExtension, attribute };
    const subAttribute = findByName(attribute.subAttributes, ref.sub);
    if (!subAttribute) return undefined;
    return { schema: c.schema?.id, inExtension: c.inExtension, attribute, subAttribute };
  }
  return undefined;
}
