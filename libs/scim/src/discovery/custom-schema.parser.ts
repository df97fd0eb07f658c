import { invalidValue } from '../errors';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  groupResourceSchema,
  userResourceSchema,
  USER_SCHEMA,
  type ResourceSchema,
  type SchemaDefinition,
} from '../schema';
import { checkKeys, parseAttributeDeclarations } from './custom-attribute.parser';

/** A custom extension schema from configuration, with the resource types it extends. */
export interface CustomSchemaDefinition extends SchemaDefinition {
  resourceTypes: ('User' | 'Group')[];
}

const KEYS = new Set(['id', 'name', 'description', 'resourceTypes', 'attributes']);
const BUILT_IN = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA];
// RFC 8141 URN: "urn:" NID ":" NSS. Extension URNs are matched as attribute-path prefixes, so no spaces.
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i;
const lower = (s: string) => s.toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function schemaId(raw: Record<string, unknown>, taken: string[], path: string): string {
  const id = raw.id;
  if (typeof id !== 'string' || !URN.test(id)) throw invalidValue(`${path}.id must be a URN such as "urn:ietf:params:scim:schemas:extension:acme:2.0:User"; got ${JSON.stringify(id)}`);
  // Attribute paths are `<urn>:<name>`: one URN extending another would make paths ambiguous.
  const clash = taken.find((t) => lower(t) === lower(id) || lower(id).startsWith(lower(t) + ':') || lower(t).startsWith(lower(id) + ':'));
  if (clash) throw invalidValue(`${path}.id "${id}" clashes with the schema "${clash}"`);
  return id;
}

function resourceTypes(raw: unknown, path: string): ('User' | 'Group')[] {
  if (raw === undefined) return ['User'];
  const ok = Array.isArray(raw) && raw.length > 0 && raw.every((t) => t === 'User' || t === 'Group');
  if (!ok) throw invalidValue(`${path}.resourceTypes must be a non-empty array of "User" and/or "Group"`);
  return [...new Set(raw as ('User' | 'Group')[])];
}

function parseOne(raw: unknown, taken: string[], path: string): CustomSchemaDefinition {
  if (!isObject(raw)) throw invalidValue(`${path} must be an object`);
  checkKeys(raw, KEYS, path);
  const id = schemaId(raw, taken, path);
  if (typeof raw.name !== 'string' || raw.name.trim() === '') throw invalidValue(`${path}.name must be a non-empty string`);
  const description = raw.description ?? raw.name;
  if (typeof description !== 'string') throw invalidValue(`${path}.description must be a string`);
  return {
    id,
    name: raw.name,
    description,
    resourceTypes: resourceTypes(raw.resourceTypes, path),
    attributes: parseAttributeDeclarations(raw.attributes, `${path}.attributes`),
  };
}

/**
 * Validates custom extension schemas declared in configuration (one object or an array of them): URN ids that do not
 * clash with built-in or each other, RFC 7643 §2.1 attribute names, §2.2 characteristics, no nested complex
 * (§2.3.8), no unknown properties. Errors are invalidValue naming the offending path, e.g. `customSchemas[0].attributes[2].type`.
 */
export function parseCustomSchemas(json: unknown): CustomSchemaDefinition[] {
  const list = Array.isArray(json) ? json : [json];
  const taken = [...BUILT_IN];
  return list.map((raw, i) => {
    const schema = parseOne(raw, taken, `customSchemas[${i}]`);
    taken.push(schema.id);
    return schema;
  });
}

/** The User and Group resource schemas with the custom extensions that name them (User first, for /ResourceTypes). */
export function resourceSchemasWith(custom: readonly CustomSchemaDefinition[] = []): { User: ResourceSchema; Group: ResourceSchema } {
  const forType = (t: 'User' | 'Group') => custom.filter((s) => s.resourceTypes.includes(t));
  return { User: userResourceSchema(forType('User')), Group: groupResourceSchema(forType('Group')) };
}
