import { errorResponses, json, pathParam, ref, type OpenApiFragment } from './openapi.types';

const NAME = pathParam('name', 'Projection name (`scim`, `audit`).');
const STATUS_202 = { '202': { description: 'Started; the answer is the status at that moment.', content: json(ref('ProjectionStatus')) } };

/** `/admin/projections`: status, rebuild and replay of the named projections (docs/projections.md). */
export const PROJECTIONS_OPENAPI: OpenApiFragment = {
  paths: {
    '/admin/projections': {
      get: {
        operationId: 'listProjections',
        summary: 'Every projection with its state, checkpoint, lag and last error.',
        tags: ['projections'],
        responses: { '200': { description: 'The projections.', content: json({ type: 'object', properties: { projections: { type: 'array', items: ref('ProjectionStatus') } } }) }, ...errorResponses() },
      },
    },
    '/admin/projections/{name}': {
      get: {
        operationId: 'getProjection',
        summary: 'One projection’s status.',
        tags: ['projections'],
        parameters: [NAME],
        responses: { '200': { description: 'Its status.', content: json(ref('ProjectionStatus')) }, ...errorResponses('404') },
      },
    },
    '/admin/projections/{name}/rebuild': {
      post: {
        operationId: 'rebuildProjection',
        summary: 'Rebuild from position 0 into a shadow copy while the live one serves; swapped in when caught up.',
        tags: ['projections'],
        parameters: [NAME],
        responses: { ...STATUS_202, ...errorResponses('404', '409') },
      },
    },
    '/admin/projections/{name}/replay': {
      post: {
        operationId: 'replayProjection',
        summary: 'Apply the events after a position or time again (from 0: a rebuild).',
        tags: ['projections'],
        parameters: [NAME],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['from'],
            properties: { from: { type: 'string', maxLength: 64, description: '`0`, a log position `<commit>:<prepare>`, or an ISO-8601 time.' } },
          }),
        },
        responses: { ...STATUS_202, ...errorResponses('400', '404', '409') },
      },
    },
  },
  schemas: {
    ProjectionStatus: {
      type: 'object',
      required: ['name', 'state', 'lagEvents', 'lagEventsCapped', 'lagSeconds'],
      properties: {
        name: { type: 'string' },
        state: { type: 'string', enum: ['running', 'rebuilding', 'stopped', 'standby'] },
        source: { type: 'string', enum: ['log', 'bus'], description: 'Where its events come from: the store’s log, or the Kafka topic (HUB_BUS=kafka).' },
        position: { type: 'string', description: '`<commit>:<prepare>` of its checkpoint.' },
        lagEvents: { type: 'integer' },
        lagEventsCapped: { type: 'boolean' },
        lagSeconds: { type: 'number' },
        lastError: { type: 'object', properties: { message: { type: 'string' }, position: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
        rebuild: { type: 'object', properties: { applied: { type: 'integer' }, startedAt: { type: 'string', format: 'date-time' } } },
      },
    },
  },
};
