import { parseTargetBody } from './target-body.validator';
import { TargetValidationError } from './target-validation.error';

const MINIMAL = { id: 't1', baseUrl: 'http://127.0.0.1:9000/scim/v2/', auth: { type: 'bearer', token: 'secret-token-0001' } };

function errorOf(body: unknown, options?: Parameters<typeof parseTargetBody>[1]): TargetValidationError {
  try {
    parseTargetBody(body, options);
  } catch (error) {
    if (error instanceof TargetValidationError) return error;
    throw error;
  }
  throw new Error('expected a TargetValidationError');
}

describe('parseTargetBody', () => {
  it('accepts the minimal body and applies every default', () => {
    expect(parseTargetBody(MINIMAL)).toEqual({
      id: 't1',
      tenant: 'default',
      baseUrl: 'http://127.0.0.1:9000/scim/v2',
      auth: { type: 'bearer', token: 'secret-token-0001' },
      resourceTypes: ['Users', 'Groups'],
      matchBy: ['userName', 'externalId'],
      onDeprovision: 'disable',
      concurrency: 4,
      enabled: true,
    });
  });

  it('keeps every optional field it is given', () => {
    const body = {
      ...MINIMAL,
      tenant: 'acme',
      auth: { type: 'oauth2', tokenUrl: 'https://login.example.com/token', clientId: 'hub', clientSecret: 's3cret', scope: 'scim' },
      resourceTypes: ['Users'],
      scope: { userFilter: 'active eq true and department eq "Sales"', groups: ['g1', 'g2'] },
      mappings: [
        { target: 'userName', source: 'emails.value', transform: 'lowercase' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization', constant: 'ACME' },
      ],
      matchBy: ['externalId'],
      onDeprovision: 'delete',
      rateLimitPerSecond: 50,
      concurrency: 8,
      enabled: false,
    };
    const parsed = parseTargetBody(body);
    expect(parsed).toMatchObject({ ...body, baseUrl: 'http://127.0.0.1:9000/scim/v2' });
  });

  it('lets a change leave the secret out when asked to', () => {
    expect(parseTargetBody({ ...MINIMAL, auth: { type: 'bearer' } }, { secrets: 'optional' }).auth).toEqual({ type: 'bearer' });
    expect(errorOf({ ...MINIMAL, auth: { type: 'bearer' } }).message).toBe('auth.token must be a non-empty string');
  });

  it.each([
    ['no body', undefined, 'body', 'body must be an object'],
    ['an array', [MINIMAL], 'body', 'body must be an object'],
    ['a missing id', { ...MINIMAL, id: undefined }, 'id', 'id must be 1 to 64 letters'],
    ['an id with a slash', { ...MINIMAL, id: 'a/b' }, 'id', 'id must be 1 to 64 letters'],
    ['a bad tenant', { ...MINIMAL, tenant: 'Acme Corp' }, 'tenant', 'tenant must be lowercase letters'],
    ['a missing baseUrl', { ...MINIMAL, baseUrl: undefined }, 'baseUrl', 'baseUrl must be an http(s) URL'],
    ['an ftp baseUrl', { ...MINIMAL, baseUrl: 'ftp://h/scim' }, 'baseUrl', 'baseUrl must be an http(s) URL'],
    ['a baseUrl with a query', { ...MINIMAL, baseUrl: 'http://h/scim?x=1' }, 'baseUrl', 'baseUrl must not have a query or fragment'],
    ['a baseUrl with credentials', { ...MINIMAL, baseUrl: 'http://u:p@h/scim' }, 'baseUrl', 'baseUrl must not carry credentials'],
    ['no auth', { ...MINIMAL, auth: undefined }, 'auth', 'auth must be an object'],
    ['a wrong auth type', { ...MINIMAL, auth: { type: 'basic', token: 'x' } }, 'auth.type', 'auth.type must be bearer or oauth2'],
    ['an empty token', { ...MINIMAL, auth: { type: 'bearer', token: '' } }, 'auth.token', 'auth.token must be a non-empty string'],
    ['a masked token', { ...MINIMAL, auth: { type: 'bearer', token: '…abcd' } }, 'auth.token', 'auth.token is a masked value'],
    ['a bearer with a clientId', { ...MINIMAL, auth: { type: 'bearer', token: 't', clientId: 'x' } }, 'auth.clientId', 'auth.clientId is not a known field'],
    ['oauth2 without tokenUrl', { ...MINIMAL, auth: { type: 'oauth2', clientId: 'c', clientSecret: 's' } }, 'auth.tokenUrl', 'auth.tokenUrl must be an http(s) URL'],
    ['oauth2 without clientSecret', { ...MINIMAL, auth: { type: 'oauth2', tokenUrl: 'http://h/t', clientId: 'c' } }, 'auth.clientSecret', 'auth.clientSecret must be'],
    ['an unknown resource type', { ...MINIMAL, resourceTypes: ['Users', 'Devices'] }, 'resourceTypes[1]', 'resourceTypes[1] must be Users or Groups'],
    ['no resource types', { ...MINIMAL, resourceTypes: [] }, 'resourceTypes', 'resourceTypes must be a non-empty array'],
    ['a repeated resource type', { ...MINIMAL, resourceTypes: ['Users', 'Users'] }, 'resourceTypes', 'resourceTypes must not repeat an item'],
    ['a bad filter', { ...MINIMAL, scope: { userFilter: 'userName eq' } }, 'scope.userFilter', 'scope.userFilter is not a valid SCIM filter: '],
    ['a scope typo', { ...MINIMAL, scope: { userFiter: 'active eq true' } }, 'scope.userFiter', 'scope.userFiter is not a known field'],
    ['an empty group id', { ...MINIMAL, scope: { groups: [''] } }, 'scope.groups[0]', 'scope.groups[0] must be a non-empty string'],
    ['a mapping with both source and constant', { ...MINIMAL, mappings: [{ target: 'title', source: 'title', constant: 'x' }] }, 'mappings[0]', 'mappings[0] must have exactly one of source and constant'],
    ['a mapping without target', { ...MINIMAL, mappings: [{ source: 'title' }] }, 'mappings[0].target', 'mappings[0].target must be a non-empty string'],
    ['a bad mapping path', { ...MINIMAL, mappings: [{ target: 'a b', source: 'title' }] }, 'mappings[0].target', 'mappings[0].target is not a SCIM attribute path'],
    ['a bad transform', { ...MINIMAL, mappings: [{ target: 'title', source: 'title', transform: 'reverse' }] }, 'mappings[0].transform', 'mappings[0].transform must be lowercase or uppercase or trim'],
    ['a bad matchBy', { ...MINIMAL, matchBy: ['userName', 7] }, 'matchBy[1]', 'matchBy[1] must be a non-empty string'],
    ['a bad onDeprovision', { ...MINIMAL, onDeprovision: 'archive' }, 'onDeprovision', 'onDeprovision must be disable or delete'],
    ['a zero concurrency', { ...MINIMAL, concurrency: 0 }, 'concurrency', 'concurrency must be an integer between 1 and 64'],
    ['a fractional concurrency', { ...MINIMAL, concurrency: 1.5 }, 'concurrency', 'concurrency must be an integer between 1 and 64'],
    ['a negative rate limit', { ...MINIMAL, rateLimitPerSecond: -1 }, 'rateLimitPerSecond', 'rateLimitPerSecond must be a number greater than 0'],
    ['a string enabled', { ...MINIMAL, enabled: 'yes' }, 'enabled', 'enabled must be true or false'],
    ['an unknown field', { ...MINIMAL, url: 'http://h' }, 'url', 'url is not a known field'],
  ])('refuses %s, naming the field', (_name, body, field, message) => {
    const error = errorOf(body);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(message)).toBe(true);
  });
});
