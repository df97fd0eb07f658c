// The slice of OpenAPI 3.1 the admin document uses (https://spec.openapis.org/oas/v3.1.0).

/** A JSON Schema object (OpenAPI 3.1 uses JSON Schema 2020-12). */
export type JsonSchema = { [key: string]: unknown };

/** One operation of a path. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

/** The operations of each path, by lower-case HTTP method. */
export type OpenApiPaths = Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', OpenApiOperation>>>;

/** What a group of admin endpoints contributes to the document: its paths and the schemas they reference. */
export interface OpenApiFragment {
  paths: OpenApiPaths;
  schemas?: Record<string, JsonSchema>;
}

/** A reference to a schema in components. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response body. */
export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

/** The error answers every admin operation can give (SCIM error body, RFC 7644 §3.12). */
export function errorResponses(...statuses: string[]): OpenApiOperation['responses'] {
  const described: Record<string, string> = {
    '400': 'Invalid input (scimType invalidValue).',
    '401': 'Missing or wrong admin token.',
    '404': 'Not found, or the admin API is disabled (HUB_ADMIN_TOKEN unset).',
    '409': 'Conflict with the current state (e.g. a rebuild already running, or another process holds the lease).',
  };
  const responses: OpenApiOperation['responses'] = {};
  for (const status of ['401', ...statuses]) {
    responses[status] = { description: described[status] ?? 'Error.', content: { 'application/scim+json': { schema: ref('ScimError') } } };
  }
  return responses;
}

/** A path parameter. */
export const pathParam = (name: string, description: string) => ({ name, in: 'path' as const, required: true, description, schema: { type: 'string' } });

/** A query parameter. */
export const queryParam = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({ name, in: 'query' as const, description, schema });
