// OpenAPI 3.1 description of /admin/targets and its control endpoints, for the admin API's document
// (/admin/openapi.json merges `paths` and `components.schemas`). Kept beside the controllers it describes.

import type { JsonSchema, OpenApiFragment, OpenApiOperation, OpenApiPaths } from '../openapi/openapi.types';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('ScimError')) });
const id = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } };
const known = { '401': error('missing or wrong admin token'), '404': error('no such target (or the admin API is off)') };
const live = { ...known, '503': error('the outbound engine is not running, or the target is quarantined or unreachable (detail says which)') };

const secret = { type: 'string', description: 'write-only: answers show it masked as "…abcd"' };
const auth = {
  oneOf: [
    { type: 'object', required: ['type', 'token'], properties: { type: { const: 'bearer' }, token: secret } },
    {
      type: 'object',
      required: ['type', 'tokenUrl', 'clientId', 'clientSecret'],
      properties: { type: { const: 'oauth2' }, tokenUrl: { type: 'string', format: 'uri' }, clientId: { type: 'string' }, clientSecret: secret, scope: { type: 'string' } },
    },
  ],
};
const targetBody = {
  type: 'object',
  required: ['id', 'baseUrl', 'auth'],
  additionalProperties: false,
  properties: {
    id: id.schema,
    tenant: { type: 'string', default: 'default' },
    baseUrl: { type: 'string', format: 'uri' },
    auth,
    resourceTypes: { type: 'array', items: { enum: ['Users', 'Groups'] }, default: ['Users', 'Groups'] },
    scope: { type: 'object', properties: { userFilter: { type: 'string' }, groups: { type: 'array', items: { type: 'string' } } } },
    mappings: {
      type: 'array',
      items: { type: 'object', required: ['target'], properties: { target: { type: 'string' }, source: { type: 'string' }, constant: {}, transform: { enum: ['lowercase', 'uppercase', 'trim'] } } },
    },
    matchBy: { type: 'array', items: { type: 'string' }, default: ['userName', 'externalId'] },
    onDeprovision: { enum: ['disable', 'delete'], default: 'disable' },
    rateLimitPerSecond: { type: 'number', exclusiveMinimum: 0, maximum: 10000 },
    concurrency: { type: 'integer', minimum: 1, maximum: 64, default: 4 },
    enabled: { type: 'boolean', default: true },
  },
};

const resourceType = { name: 'resourceType', in: 'path' as const, required: true, schema: { enum: ['Users', 'Groups'] } };
const resourceId = { name: 'resourceId', in: 'path' as const, required: true, schema: { type: 'string' } };
const op = (operationId: string, summary: string, rest: Omit<OpenApiOperation, 'operationId' | 'summary' | 'tags'>): OpenApiOperation => ({ operationId, summary, tags: ['targets'], ...rest });

/** `paths` of the targets admin API. */
export const TARGETS_OPENAPI_PATHS: OpenApiPaths = {
  '/admin/targets': {
    get: op('listTargets', 'List targets (secrets masked)', {
      parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }],
      responses: { '200': { description: 'targets by id', ...json({ type: 'object', properties: { targets: { type: 'array', items: ref('Target') } } }) }, '401': known['401'] },
    }),
    post: op('addTarget', 'Add a target', {
      requestBody: { required: true, ...json(ref('TargetBody')) },
      responses: { '201': { description: 'added', ...json(ref('Target')) }, '400': error('a field is wrong (named in detail)'), '401': known['401'], '409': error('the id exists'), '503': error('no HUB_SECRETS_KEY for a shared store') },
    }),
  },
  '/admin/targets/{id}': {
    get: op('showTarget', 'Show a target (secrets masked)', { parameters: [id], responses: { '200': { description: 'the target', ...json(ref('Target')) }, ...known } }),
    put: op('replaceTarget', 'Replace a target; secrets left out of auth are kept', {
      parameters: [id],
      requestBody: { required: true, ...json(ref('TargetBody')) },
      responses: { '200': { description: 'replaced', ...json(ref('Target')) }, '400': error('a field is wrong'), '409': error('changed concurrently'), ...known },
    }),
    delete: op('removeTarget', "Remove a target; its delivery state (cursor, id map, parked changes) is forgotten", { parameters: [id], responses: { '204': { description: 'removed' }, ...known } }),
  },
  '/admin/targets/{id}/status': {
    get: op('targetStatus', 'Delivery state of a target', { parameters: [id], responses: { '200': { description: 'status', ...json(ref('TargetStatus')) }, ...live } }),
  },
  '/admin/targets/{id}/resources/{resourceType}/{resourceId}': {
    get: op('targetResourceStatus', "One resource's delivery to the target", {
      parameters: [id, resourceType, resourceId],
      responses: { '200': { description: 'delivery state', ...json(ref('ResourceDeliveryStatus')) }, ...live },
    }),
  },
  '/admin/targets/{id}/parked': {
    get: op('targetParked', 'Parked changes', {
      parameters: [id],
      responses: { '200': { description: 'parked changes', ...json({ type: 'object', properties: { parked: { type: 'array', items: ref('ParkedChange') } } }) }, ...live },
    }),
  },
  '/admin/targets/{id}/parked/redrive': {
    post: op('redriveParked', 'Retry parked changes', {
      parameters: [id, { name: 'resource', in: 'query', schema: { type: 'string' }, description: 'only this resource id' }],
      responses: { '200': { description: 'released', ...json({ type: 'object', properties: { redriven: { type: 'integer' } } }) }, ...live },
    }),
  },
  '/admin/targets/{id}/reconcile': {
    post: op('reconcileTarget', 'Compare desired and target state; repair unless dryRun', {
      parameters: [id, { name: 'dryRun', in: 'query', schema: { type: 'boolean' } }],
      responses: { '200': { description: 'report', ...json(ref('ReconcileReport')) }, '400': error('dryRun must be true or false'), ...live },
    }),
  },
};

const lag = { type: 'object', properties: { events: { type: 'integer' }, seconds: { type: 'number' } } };
const attempt = { type: 'object', properties: { at: { type: 'string' }, status: { type: 'integer' }, outcome: { type: 'string' }, detail: { type: 'string' } } };

/** `components.schemas` the paths refer to. */
export const TARGETS_OPENAPI_SCHEMAS: Record<string, JsonSchema> = {
  TargetBody: targetBody,
  Target: {
    allOf: [
      targetBody,
      { type: 'object', properties: { meta: { type: 'object', properties: { created: { type: 'string' }, lastModified: { type: 'string' }, lastModifiedBy: { type: 'string' }, version: { type: 'integer' } } } } },
    ],
  },
  TargetStatus: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      enabled: { type: 'boolean' },
      cursor: { type: 'string' },
      lag,
      inFlight: { type: 'integer' },
      parked: { type: 'integer' },
      deferred: { type: 'integer' },
      quarantine: { type: 'object', properties: { quarantined: { type: 'boolean' }, since: { type: 'string' }, nextProbeAt: { type: 'string' }, reason: { type: 'string' } } },
      lastError: { type: 'object', properties: { at: { type: 'string' }, message: { type: 'string' }, status: { type: 'integer' } } },
      initialSyncDone: { type: 'boolean' },
    },
  },
  ResourceDeliveryStatus: {
    type: 'object',
    properties: { resourceType: { enum: ['Users', 'Groups'] }, id: { type: 'string' }, delivered: { type: 'boolean' }, targetId: { type: 'string' }, lastAttempt: attempt, parked: { type: 'boolean' } },
  },
  ParkedChange: {
    type: 'object',
    properties: {
      resourceType: { enum: ['Users', 'Groups'] },
      resourceId: { type: 'string' },
      position: { type: 'string' },
      eventType: { type: 'string' },
      parkedAt: { type: 'string' },
      status: { type: 'integer' },
      reason: { type: 'string' },
      waiting: { type: 'integer' },
    },
  },
  ReconcileReport: {
    type: 'object',
    properties: {
      dryRun: { type: 'boolean' },
      drift: {
        type: 'array',
        items: { type: 'object', properties: { resourceType: { enum: ['Users', 'Groups'] }, resourceId: { type: 'string' }, targetId: { type: 'string' }, kind: { type: 'string' }, detail: { type: 'string' } } },
      },
      repaired: { type: 'integer' },
      failed: { type: 'integer' },
    },
  },
  ScimError: {
    type: 'object',
    required: ['schemas', 'status'],
    properties: { schemas: { type: 'array', items: { type: 'string' } }, status: { type: 'string' }, scimType: { type: 'string' }, detail: { type: 'string' } },
  },
};

/** The targets endpoints as one fragment of the admin document. */
export const TARGETS_OPENAPI: OpenApiFragment = { paths: TARGETS_OPENAPI_PATHS, schemas: TARGETS_OPENAPI_SCHEMAS };
