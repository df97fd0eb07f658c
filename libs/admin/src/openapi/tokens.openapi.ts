import { errorResponses, json, pathParam, queryParam, ref, type OpenApiFragment } from './openapi.types';

const TENANT = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' };

/** `/admin/tokens`: SCIM bearer tokens per tenant. */
export const TOKENS_OPENAPI: OpenApiFragment = {
  paths: {
    '/admin/tokens': {
      get: {
        operationId: 'listTokens',
        summary: 'List SCIM bearer tokens (never their secrets).',
        tags: ['tokens'],
        parameters: [queryParam('tenant', 'Only tokens of this tenant.', TENANT)],
        responses: { '200': { description: 'The tokens.', content: json({ type: 'object', properties: { tokens: { type: 'array', items: ref('TokenInfo') } } }) }, ...errorResponses('400') },
      },
      post: {
        operationId: 'createToken',
        summary: 'Create a SCIM bearer token; the secret is in this answer only.',
        tags: ['tokens'],
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['tenant'], additionalProperties: false, properties: { tenant: TENANT, label: { type: 'string', maxLength: 200 } } }),
        },
        responses: { '201': { description: 'The token, with its secret.', content: json(ref('CreatedToken')) }, ...errorResponses('400') },
      },
    },
    '/admin/tokens/{id}': {
      delete: {
        operationId: 'revokeToken',
        summary: 'Revoke a token.',
        tags: ['tokens'],
        parameters: [pathParam('id', 'Token id (tok_…).')],
        responses: { '204': { description: 'Revoked.' }, ...errorResponses('404') },
      },
    },
  },
  schemas: {
    TokenInfo: {
      type: 'object',
      required: ['id', 'tenant', 'label', 'createdAt'],
      properties: { id: { type: 'string' }, tenant: { type: 'string' }, label: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, revokedAt: { type: 'string', format: 'date-time' } },
    },
    CreatedToken: {
      allOf: [ref('TokenInfo'), { type: 'object', required: ['token'], properties: { token: { type: 'string', description: 'The bearer token; shown once.' } } }],
    },
  },
};
