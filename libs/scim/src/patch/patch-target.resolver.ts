import type { AttributeDefinition, ResolvedAttribute, ResourceSchema, SchemaDefinition } from '../schema';
import { findSchema, resolveAttribute } from '../schema';
import type { Filter } from '../filter';
import { parsePatchPath } from '../filter';
import { invalidPath } from '../errors';
import { findSubAttribute } from './patch-value.coercer';

/**
 * What a PATCH path designates: a whole schema (no path, or a schema URN such as the Enterprise
 * extension URN, whose value is an object of its attributes), or one attribute with an optional value
 * filter and sub-attribute (RFC 7644 §3.5.2 PATH grammar).
 */
export type PatchTarget =
  | { kind: 'schema'; schema?: SchemaDefinition }
  | { kind: 'attribute'; attr: ResolvedAttribute; sub?: AttributeDefinition; filter?: Filter };

function unknownAttribute(rs: ResourceSchema, path: string, schema: string | undefined): never {
  if (schema !== undefined && !findSchema(rs, schema)) {
    throw invalidPath(`'${path}': '${schema}' is not a schema of ${rs.resourceType.name}`);
  }
  throw invalidPath(`'${path}': no such attribute on ${rs.resourceType.name}`);
}

/**
 * Resolves a PATCH path (or a key of a path-less value object, docs/entra-compatibility.md §39) against the resource type.
 * `within` is the schema whose value object the key came from (`{"urn:…:enterprise:2.0:User": {…}}`).
 * Names are case-insensitive (RFC 7643 §2.1); anything unknown is invalidPath (RFC 7644 §3.5.2).
 */
export function resolvePatchTarget(path: string | undefined, rs: ResourceSchema, within?: SchemaDefinition): PatchTarget {
  if (path === undefined) return { kind: 'schema' };
  const wholeSchema = findSchema(rs, path.trim());
  if (wholeSchema) return { kind: 'schema', schema: wholeSchema === rs.core ? undefined : wholeSchema };
  const parsed = parsePatchPath(path);
  const schema = parsed.attribute.schema ?? (within && within !== rs.core ? within.id : undefined);
  if (parsed.subAttribute !== undefined && parsed.attribute.sub !== undefined) throw invalidPath(`'${path}': too many sub-attributes`);
  if (parsed.valueFilter && parsed.attribute.sub !== undefined) throw invalidPath(`'${path}': a filter follows a sub-attribute`);
  const attr = resolveAttribute(rs, { schema, name: parsed.attribute.name });
  if (!attr) return unknownAttribute(rs, path, schema);
  const subName = parsed.subAttribute ?? parsed.attribute.sub;
  let sub: AttributeDefinition | undefined;
  if (subName !== undefined) {
    sub = findSubAttribute(attr.attribute, subName);
    if (!sub) throw invalidPath(`'${path}': '${attr.attribute.name}' has no sub-attribute '${subName}'`);
  }
  if (parsed.valueFilter && !attr.attribute.multiValued) {
    throw invalidPath(`'${path}': a value filter needs a multi-valued attribute`);
  }
  return { kind: 'attribute', attr, sub, filter: parsed.valueFilter };
}

/**
 * True unless `key` (a PATCH path or value-object key) names an attribute, sub-attribute or schema URN the resource
 * type does not define. A malformed key counts as known, so that resolvePatchTarget reports what is wrong with it.
 */
export function namesKnownAttribute(key: string, rs: ResourceSchema, within?: SchemaDefinition): boolean {
  if (findSchema(rs, key.trim())) return true;
  let parsed: ReturnType<typeof parsePatchPath>;
  try {
    parsed = parsePatchPath(key);
  } catch {
    return true;
  }
  const schema = parsed.attribute.schema ?? (within && within !== rs.core ? within.id : undefined);
  const attr = resolveAttribute(rs, { schema, name: parsed.attribute.name });
  if (!attr) return false;
  const subName = parsed.subAttribute ?? parsed.attribute.sub;
  return subName === undefined || findSubAttribute(attr.attribute, subName) !== undefined;
}
