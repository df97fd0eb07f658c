// OpenAPI 3.1 description of /admin/targets and its control endpoints, for the admin API's document
// (/admin/openapi.json merges `paths` and `components.schemas`). Kept beside the controllers it describes.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('ScimError')) });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } };
const known = { '401': error('missing or wrong admin token'), '404': error('no such target (or the admin API is off)') };
const live = { ...known, '503': error('no outbound engine runs in this hub') };

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

/** `paths` of the targets admin API. */
export const TARGETS_OPENAPI_PATHS = {
  '/admin/targets': {
    get: {
      summary: 'List targets (secrets masked)',
      parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }],
      responses: { '200': { description: 'targets by id', ...json({ type: 'object', properties: { targets: { type: 'array', items: ref('Target') } } }) }, '401': known['401'] },
    },
    post: {
      summary: 'Add a target',
      requestBody: { required: true, ...json(ref('TargetBody')) },
      responses: { '201': { description: 'added', ...json(ref('Target')) }, '400': error('a field is wrong (named in detail)'), '401': known['401'], '409': error('the id exists'), '503': error('no HUB_SECRETS_KEY for a shared store') },
    },
  },
  '/admin/targets/{id}': {
    parameters: [id],
    get: { summary: 'Show a target (secrets masked)', responses: { '200': { description: 'the target', ...json(ref('Target')) }, ...known } },
    put: {
      summary: 'Replace a target; secrets left out of auth are kept',
      requestBody: { required: true, ...json(ref('TargetBody')) },
      responses: { '200': { description: 'replaced', ...json(ref('Target')) }, '400': error('a field is wrong'), '409': error('changed concurrently'), ...known },
    },
    delete: { summary: 'Remove a target', responses: { '204': { description: 'removed' }, ...known } },
  },
  '/admin/targets/{id}/status': {
    parameters: [id],
    get: { summary: 'Delivery state of a target', responses: { '200': { description: 'status', ...json(ref('TargetStatus')) }, ...live } },
  },
  '/admin/targets/{id}/resources/{resourceType}/{resourceId}': {
    parameters: [
      id,
      { name: 'resourceType', in: 'path', required: true, schema: { enum: ['Users', 'Groups'] } },
      { name: 'resourceId', in: 'path', required: true, schema: { type: 'string' } },
    ],
    get: { summary: "One resource's delivery to the target", responses: { '200': { description: 'delivery state', ...json(ref('ResourceDeliveryStatus')) }, ...live } },
  },
  '/admin/targets/{id}/parked': {
    parameters: [id],
    get: { summary: 'Parked changes', responses: { '200': { description: 'parked changes', ...json({ type: 'object', properties: { parked: { type: 'array', items: ref('ParkedChange') } } }) }, ...live } },
  },
  '/admin/targets/{id}/parked/redrive': {
    parameters: [id, { name: 'resource', in: 'query', schema: { type: 'string' }, description: 'only this resource id' }],
    post: { summary: 'Retry parked changes', responses: { '200': { description: 'released', ...json({ type: 'object', properties: { redriven: { type: 'integer' } } }) }, ...live } },
  },
  '/admin/targets/{id}/reconcile': {
    parameters: [id, { name: 'dryRun', in: 'query', schema: { type: 'boolean' } }],
    post: { summary: 'Compare desired and target state; repair unless dryRun', responses: { '200': { description: 'report', ...json(ref('ReconcileReport')) }, '400': error('dryRun must be true or false'), ...live } },
  },
};

const lag = { type: 'object', properties: { events: { type: 'integer' }, seconds: { type: 'number' } } };
const attempt = { type: 'object', properties: { at: { type: 'string' }, status: { type: 'integer' }, outcome: { type: 'string' }, detail: { type: 'string' } } };

/** `components.schemas` the paths refer to. */
export const TARGETS_OPENAPI_SCHEMAS = {
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
