import { errorResponses, json, pathParam, queryParam, ref, type OpenApiFragment, type OpenApiPaths } from './openapi.types';

const TENANT = queryParam('tenant', 'Tenant of the resource; default `default`.', { type: 'string', default: 'default' });
const PAGE = [
  queryParam('startIndex', '1-based index of the first entry; default 1.', { type: 'integer', minimum: 1, default: 1 }),
  queryParam('count', 'Entries per page, 0–1000; default 100.', { type: 'integer', minimum: 0, maximum: 1000, default: 100 }),
];
const AT = { ...queryParam('at', 'A stream revision (0, 1, …) or an RFC 3339 date-time.'), required: true };

function resourcePaths(endpoint: 'Users' | 'Groups'): OpenApiPaths {
  const type = endpoint.slice(0, -1);
  return {
    [`/admin/audit/${endpoint}/{id}/history`]: {
      get: {
        operationId: `${type.toLowerCase()}History`,
        summary: `Every event of a ${type} with its metadata and change, oldest first (also after deletion).`,
        tags: ['audit'],
        parameters: [pathParam('id', `${type} id.`), TENANT, ...PAGE],
        responses: { '200': { description: 'A page of entries.', content: json(ref('AuditEntryPage')) }, ...errorResponses('400', '404') },
      },
    },
    [`/admin/audit/${endpoint}/{id}`]: {
      get: {
        operationId: `${type.toLowerCase()}At`,
        summary: `The ${type} as it was at a revision or moment, rebuilt from its events, in SCIM form.`,
        tags: ['audit'],
        parameters: [pathParam('id', `${type} id.`), TENANT, AT],
        responses: {
          '200': { description: `The ${type} (meta.version W/"<revision>"); an erased user is its id, meta and erased: true.`, content: json({ type: 'object' }) },
          ...errorResponses('400', '404'),
        },
      },
    },
  };
}

/** `/admin/audit…` and `/admin/erasure…` (docs/audit.md). */
export const AUDIT_OPENAPI: OpenApiFragment = {
  paths: {
    '/admin/audit': {
      get: {
        operationId: 'listChanges',
        summary: 'Changes over time, oldest first, filtered.',
        tags: ['audit'],
        parameters: [
          queryParam('tenant', 'Only this tenant (all when absent).'),
          queryParam('actor', 'Only changes by this actor (token id, `admin`, `cli`).'),
          queryParam('since', 'Inclusive lower bound (RFC 3339).', { type: 'string', format: 'date-time' }),
          queryParam('until', 'Exclusive upper bound (RFC 3339).', { type: 'string', format: 'date-time' }),
          queryParam('type', '`User`, `Group`, or an event type such as `UserCreated`.'),
          ...PAGE,
        ],
        responses: { '200': { description: 'A page of entries.', content: json(ref('AuditEntryPage')) }, ...errorResponses('400') },
      },
    },
    '/admin/audit/requests/{requestId}': {
      get: {
        operationId: 'requestChanges',
        summary: 'Everything one SCIM request changed (its X-Request-Id).',
        tags: ['audit'],
        parameters: [pathParam('requestId', 'The X-Request-Id of a SCIM response.')],
        responses: {
          '200': { description: 'The entries.', content: json({ type: 'object', properties: { requestId: { type: 'string' }, entries: { type: 'array', items: ref('AuditEntry') } } }) },
          ...errorResponses('404'),
        },
      },
    },
    ...resourcePaths('Users'),
    ...resourcePaths('Groups'),
    '/admin/erasure/Users/{id}': {
      post: {
        operationId: 'eraseUser',
        summary: 'GDPR erasure: delete the user, destroy its key, keep the non-personal audit facts.',
        tags: ['erasure'],
        parameters: [pathParam('id', 'User id.'), TENANT],
        responses: { '200': { description: 'Erased.', content: json(ref('ErasureOutcome')) }, ...errorResponses('400', '404') },
      },
    },
  },
  schemas: {
    AuditEntry: {
      type: 'object',
      required: ['type', 'tenant', 'resourceType', 'resourceId', 'stream', 'revision', 'time', 'position', 'change'],
      properties: {
        type: { type: 'string', description: 'Event type, e.g. UserCreated.' },
        tenant: { type: 'string' },
        resourceType: { type: 'string', enum: ['User', 'Group'] },
        resourceId: { type: 'string' },
        stream: { type: 'string' },
        revision: { type: 'integer' },
        time: { type: 'string', format: 'date-time' },
        actor: { type: 'string' },
        requestId: { type: 'string' },
        clientAddress: { type: 'string' },
        userAgent: { type: 'string' },
        position: { type: 'string', description: 'Global log position <commit>:<prepare>.' },
        change: { type: 'object', description: 'The event data; { "erased": true } after erasure.' },
      },
    },
    AuditEntryPage: {
      type: 'object',
      required: ['totalResults', 'startIndex', 'itemsPerPage', 'entries'],
      properties: { totalResults: { type: 'integer' }, startIndex: { type: 'integer' }, itemsPerPage: { type: 'integer' }, entries: { type: 'array', items: ref('AuditEntry') } },
    },
    ErasureOutcome: {
      type: 'object',
      required: ['tenant', 'id', 'keyDestroyed', 'erasedAt'],
      properties: { tenant: { type: 'string' }, id: { type: 'string' }, keyDestroyed: { type: 'boolean' }, erasedAt: { type: 'string', format: 'date-time' } },
    },
  },
};
