import { notFound } from '../errors';
import { SCHEMA_SCHEMA, type ResourceSchema, type SchemaDefinition } from '../schema';
import type { JsonObject } from '../resource';
import { listResponse, type ListResponse } from '../messages/list-response';
import { attributeDocument } from './attribute.serializer';
import { discoveryLocation } from './discovery-location';

/** Every schema the resource types use (cores first, then extensions), each once; the content of /Schemas. */
export function schemasOf(resourceSchemas: readonly ResourceSchema[]): SchemaDefinition[] {
  const all = [...resourceSchemas.map((rs) => rs.core), ...resourceSchemas.flatMap((rs) => rs.extensions)];
  return all.filter((s, i) => all.findIndex((o) => o.id === s.id) === i);
}

/** One Schema resource (RFC 7643 §7) with `meta.location` under `<baseUrl>/Schemas/<urn>`. */
export function schemaResource(schema: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
    meta: { resourceType: 'Schema', location: discoveryLocation(baseUrl, `Schemas/${schema.id}`) },
  };
}

/** GET /Schemas: a ListResponse of every schema (Entra: "Must return a list response", docs/entra-compatibility.md §12). */
export function schemasListDocument(schemas: readonly SchemaDefinition[], baseUrl: string): ListResponse<JsonObject> {
  const resources = schemas.map((s) => schemaResource(s, baseUrl));
  return listResponse(resources, { totalResults: resources.length, startIndex: 1 });
}

/** GET /Schemas/{urn}: the schema whose URN matches ignoring case (RFC 7643 §2.1), else 404. */
export function schemaDocument(schemas: readonly SchemaDefinition[], id: string, baseUrl: string): JsonObject {
  const schema = schemas.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!schema) throw notFound(`Schema ${id} not found`);
  return schemaResource(schema, baseUrl);
}
