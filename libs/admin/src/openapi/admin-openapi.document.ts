// The OpenAPI document of the admin API, assembled from one fragment per group of endpoints. A new admin
// endpoint adds its fragment to ADMIN_OPENAPI_FRAGMENTS; the hub's test fails for any /admin route without one.
import { AUDIT_OPENAPI } from './audit.openapi';
import { errorResponses, json, type JsonSchema, type OpenApiFragment, type OpenApiPaths } from './openapi.types';
import { PROJECTIONS_OPENAPI } from './projections.openapi';
import { TOKENS_OPENAPI } from './tokens.openapi';
import { TARGETS_OPENAPI } from '../targets/targets.openapi';

const SELF_OPENAPI: OpenApiFragment = {
  paths: {
    '/admin/openapi.json': {
      get: {
        operationId: 'openApiDocument',
        summary: 'This document.',
        tags: ['meta'],
        responses: { '200': { description: 'The OpenAPI document.', content: json({ type: 'object' }) }, ...errorResponses() },
      },
    },
  },
};

/** Every fragment of the admin API, in document order. */
export const ADMIN_OPENAPI_FRAGMENTS: readonly OpenApiFragment[] = [TOKENS_OPENAPI, PROJECTIONS_OPENAPI, AUDIT_OPENAPI, TARGETS_OPENAPI, SELF_OPENAPI];

const SCIM_ERROR: JsonSchema = {
  type: 'object',
  required: ['schemas', 'status'],
  properties: {
    schemas: { type: 'array', items: { const: 'urn:ietf:params:scim:api:messages:2.0:Error' } },
    status: { type: 'string' },
    scimType: { type: 'string' },
    detail: { type: 'string' },
  },
};

/** The OpenAPI 3.1 document of the admin API (served at /admin/openapi.json). */
export function adminOpenApiDocument(version: string, fragments: readonly OpenApiFragment[] = ADMIN_OPENAPI_FRAGMENTS): Record<string, unknown> {
  const paths: OpenApiPaths = {};
  const schemas: Record<string, JsonSchema> = { ScimError: SCIM_ERROR };
  for (const fragment of fragments) {
    Object.assign(paths, fragment.paths);
    Object.assign(schemas, fragment.schemas ?? {});
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'scim-hub admin API',
      version,
      description: 'Operator API of scim-hub. Every operation needs `Authorization: Bearer <HUB_ADMIN_TOKEN>`; without HUB_ADMIN_TOKEN the API answers 404.',
    },
    security: [{ adminToken: [] }],
    paths,
    components: { schemas, securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'HUB_ADMIN_TOKEN' } } },
  };
}
