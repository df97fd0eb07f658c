import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { toErrorResponse } from './error-response';
import { HttpScimError, SCIM_ERROR_SCHEMA } from './scim-error.shape';

const request = { requestId: 'req-1', method: 'GET', path: '/scim/v2/Users' };

describe('toErrorResponse', () => {
  it('renders a ScimError-shaped error by its toJSON', () => {
    expect(toErrorResponse(new HttpScimError(409, 'uniqueness', 'userName taken'), request)).toEqual({
      status: 409,
      body: { schemas: [SCIM_ERROR_SCHEMA], status: '409', scimType: 'uniqueness', detail: 'userName taken' },
      unexpected: false,
    });
  });

  it('names only the path for Nest route-not-found errors, keeping a handler 404 message', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x?filter=a'), { ...request, path: '/x' }).body.detail).toBe('no endpoint GET /x');
    expect(toErrorResponse(new NotFoundException('token tok_1 not found'), request).body.detail).toBe('token tok_1 not found');
  });

  it('renders validation failures as 400 invalidValue with every message', () => {
    const error = new BadRequestException({ message: ['tenant must be a string', 'label too long'] });
    expect(toErrorResponse(error, request).body).toEqual({
      schemas: [SCIM_ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidValue',
      detail: 'tenant must be a string; label too long',
    });
  });

  it('renders 413 from Nest or fastify errors', () => {
    expect(toErrorResponse(new PayloadTooLargeException(), request).status).toBe(413);
    const fastifyError = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorResponse(fastifyError, request)).toMatchObject({ status: 413, body: { status: '413', detail: 'request body is too large' } });
  });

  it('hides internals of unexpected errors and 5xx HttpExceptions', () => {
    for (const error of [new TypeError('x is undefined'), new HttpException('db down at 10.0.0.3', 503), 'a string', null]) {
      const response = toErrorResponse(error, request);
      expect(response.unexpected).toBe(true);
      expect(response.body.detail).toBe('internal error, request id req-1');
    }
  });

  it.each([
    ['EventStoreUnavailable', 'the event store is unavailable, retry later'],
    ['ReadModelUnavailable', 'the read model is unavailable, retry later'],
    ['TokenStoreUnavailable', 'the token store is unavailable, retry later'],
  ])('renders %s as 503 with Retry-After, without the driver message', (name, detail) => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.3:5432'), { name });
    expect(toErrorResponse(error, request)).toEqual({
      status: 503,
      body: { schemas: [SCIM_ERROR_SCHEMA], status: '503', detail },
      unexpected: false,
      headers: { 'retry-after': '5' },
    });
  });

  it('adds Retry-After to a 503 ScimError', () => {
    expect(toErrorResponse(new HttpScimError(503, undefined, 'busy'), request).headers).toEqual({ 'retry-after': '5' });
  });
});
