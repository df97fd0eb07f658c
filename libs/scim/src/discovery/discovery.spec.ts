import { GROUP, USER } from '../schema';
import type { JsonValue } from '../resource';
import {
  resourceSchemasWith,
  resourceTypeDocument,
  resourceTypesListDocument,
  schemaDocument,
  schemasListDocument,
  schemasOf,
  serviceProviderConfigDocument,
  parseCustomSchemas,
} from './index';
import { errorOf } from '../testing/error-of';

const BASE = 'https://hub.example/scim/v2/';

/** Every path in a JSON document whose value is null. */
function nullPaths(v: JsonValue, path = ''): string[] {
  if (v === null) return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nullPaths(x, `${path}[${i}]`));
  if (typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nullPaths(x, `${path}.${k}`));
  return [];
}

describe('/ServiceProviderConfig (RFC 7643 §5)', () => {
  const doc = serviceProviderConfigDocument({ baseUrl: BASE, maxResults: 200 });

  it('advertises what the hub supports', () => {
    expect(doc).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://hub.example/scim/v2/ServiceProviderConfig' },
    });
    expect(doc.authenticationSchemes).toEqual([expect.objectContaining({ type: 'oauthbearertoken', primary: true })]);
  });

  it('advertises index and cursor paging, index by default (RFC 9865 §4)', () => {
    expect(doc.pagination).toEqual({ cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 200, maxPageSize: 200 });
    const tuned = serviceProviderConfigDocument({ baseUrl: BASE, maxResults: 500, defaultPageSize: 100, cursorTimeout: 86_400 });
    expect(tuned.pagination).toMatchObject({ defaultPageSize: 100, maxPageSize: 500, cursorTimeout: 86_400 });
  });

  it('has no null values and adds documentationUri only when given (docs/entra-compatibility.md §12)', () => {
    expect(nullPaths(doc)).toEqual([]);
    expect(doc).not.toHaveProperty('documentationUri');
    expect(serviceProviderConfigDocument({ baseUrl: BASE, maxResults: 5, documentationUri: 'https://docs' }).documentationUri).toBe('https://docs');
  });
});

describe('/ResourceTypes (RFC 7643 §6)', () => {
  const list = resourceTypesListDocument([USER, GROUP], BASE);

  it('is a ListResponse with /Users first (docs/entra-compatibility.md §13)', () => {
    expect(list.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    expect(list.totalResults).toBe(2);
    expect(list.Resources[0].endpoint).toBe('/Users');
    expect(list.Resources[1].endpoint).toBe('/Groups');
  });

  it('describes User with the enterprise extension and Group without schemaExtensions', () => {
    expect(list.Resources[0]).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
      meta: { resourceType: 'ResourceType', location: 'https://hub.example/scim/v2/ResourceTypes/User' },
    });
    expect(list.Resources[1]).not.toHaveProperty('schemaExtensions');
    expect(nullPaths(list as unknown as JsonValue)).toEqual([]);
  });

  it('serves one resource type by id, ignoring case, and 404s otherwise', () => {
    expect(resourceTypeDocument([USER, GROUP], 'group', BASE).id).toBe('Group');
    expect(errorOf(() => resourceTypeDocument([USER, GROUP], 'Device', BASE)).status).toBe(404);
  });
});

describe('/Schemas (RFC 7643 §7)', () => {
  const custom = parseCustomSchemas({
    id: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User',
    name: 'AcmeUser',
    attributes: [{ name: 'badgeId', type: 'string' }],
  });
  const { User, Group } = resourceSchemasWith(custom);
  const schemas = schemasOf([User, Group]);
  const list = schemasListDocument(schemas, BASE);

  it('lists User, Group, EnterpriseUser and custom extensions, each once', () => {
    expect(list.Resources.map((r) => r.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:extension:acme:2.0:User',
    ]);
    expect(list.totalResults).toBe(4);
  });

  it('has no null values, no empty arrays and camelCase characteristics (docs/entra-compatibility.md §12)', () => {
    const doc = list as unknown as JsonValue;
    expect(nullPaths(doc)).toEqual([]);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('[]');
    expect(text).not.toMatch(/"(mutability|returned|uniqueness)":"(readwrite|READWRITE|ReadOnly)"/);
  });

  it('describes attributes with every RFC 7643 §7 characteristic', () => {
    const user = schemaDocument(schemas, 'urn:ietf:params:scim:schemas:core:2.0:User', BASE);
    const attrs = user.attributes as Record<string, JsonValue>[];
    const userName = attrs.find((a) => a.name === 'userName');
    expect(userName).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.any(String),
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    expect(attrs.find((a) => a.name === 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    const emails = attrs.find((a) => a.name === 'emails') as Record<string, JsonValue>;
    expect((emails.subAttributes as Record<string, JsonValue>[]).map((s) => s.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(user.meta).toEqual({ resourceType: 'Schema', location: 'https://hub.example/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User' });
    expect(user).not.toHaveProperty('attributes.0.referenceTypes');
  });

  it('serves one schema by URN ignoring case, and 404s otherwise', () => {
    expect(schemaDocument(schemas, 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP', BASE).name).toBe('Group');
    expect(errorOf(() => schemaDocument(schemas, 'urn:nope', BASE)).status).toBe(404);
  });

  it('puts the custom extension on the User resource type only', () => {
    expect(User.resourceType.schemaExtensions.map((e) => e.schema)).toContain('urn:ietf:params:scim:schemas:extension:acme:2.0:User');
    expect(Group.extensions).toEqual([]);
  });
});
