import { notFound } from '../errors';
import { RESOURCE_TYPE_SCHEMA, type ResourceSchema } from '../schema';
import type { JsonObject } from '../resource';
import { listResponse, type ListResponse } from '../messages/list-response';
import { discoveryLocation } from './discovery-location';

/** One ResourceType resource (RFC 7643 §6); `schemaExtensions` is left out when there are none (no empty/null values). */
export function resourceTypeResource(rs: ResourceSchema, baseUrl: string): JsonObject {
  const t = rs.resourceType;
  const out: JsonObject = {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: t.id,
    name: t.name,
    endpoint: t.endpoint,
    description: t.description,
    schema: t.schema,
  };
  if (t.schemaExtensions.length > 0) out.schemaExtensions = t.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required }));
  out.meta = { resourceType: 'ResourceType', location: discoveryLocation(baseUrl, `ResourceTypes/${t.id}`) };
  return out;
}

/**
 * GET /ResourceTypes: a ListResponse in the given order. Pass User first: Microsoft's Postman suite checks
 * `Resources[0].endpoint == "/Users"` (docs/entra-compatibility.md §13).
 */
export function resourceTypesListDocument(resourceSchemas: readonly ResourceSchema[], baseUrl: string): ListResponse<JsonObject> {
  const resources = resourceSchemas.map((rs) => resourceTypeResource(rs, baseUrl));
  return listResponse(resources, { totalResults: resources.length, startIndex: 1 });
}

/** GET /ResourceTypes/{id}: the resource type whose id matches ignoring case, else 404. */
export function resourceTypeDocument(resourceSchemas: readonly ResourceSchema[], id: string, baseUrl: string): JsonObject {
  const rs = resourceSchemas.find((r) => r.resourceType.id.toLowerCase() === id.toLowerCase());
  if (!rs) throw notFound(`ResourceType ${id} not found`);
  return resourceTypeResource(rs, baseUrl);
}
