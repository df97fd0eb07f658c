import { normalizeResource } from '../validation';
import { parseCustomSchemas, resourceSchemasWith } from './index';
import { errorOf } from '../testing/error-of';

const URN = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

describe('parseCustomSchemas', () => {
  it('fills RFC 7643 §2.2 defaults and keeps declared characteristics', () => {
    const [schema] = parseCustomSchemas([
      {
        id: URN,
        name: 'AcmeUser',
        description: 'Acme',
        resourceTypes: ['User', 'Group'],
        attributes: [
          { name: 'badgeId', type: 'string', required: true, caseExact: true, uniqueness: 'server' },
          { name: 'homepage', type: 'reference' },
          { name: 'badge', type: 'complex', multiValued: true, subAttributes: [{ name: 'value', type: 'string' }, { name: 'primary', type: 'boolean' }] },
        ],
      },
    ]);
    expect(schema.resourceTypes).toEqual(['User', 'Group']);
    expect(schema.attributes[0]).toEqual({
      name: 'badgeId', type: 'string', multiValued: false, description: 'badgeId', required: true, caseExact: true,
      mutability: 'readWrite', returned: 'default', uniqueness: 'server',
    });
    expect(schema.attributes[1].referenceTypes).toEqual(['external']);
    expect(schema.attributes[2].subAttributes?.map((s) => s.name)).toEqual(['value', 'primary']);
  });

  it('defaults resourceTypes to User and description to the name', () => {
    const [s] = parseCustomSchemas({ id: URN, name: 'Acme', attributes: [{ name: 'x', type: 'integer' }] });
    expect(s.resourceTypes).toEqual(['User']);
    expect(s.description).toBe('Acme');
  });

  it.each([
    ['not an object', 'nonsense', 'customSchemas[0] must be an object'],
    ['id not a URN', { id: 'acme', name: 'A', attributes: [{ name: 'x', type: 'string' }] }, 'customSchemas[0].id'],
    ['id of a built-in schema', { id: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', name: 'A', attributes: [{ name: 'x', type: 'string' }] }, 'clashes'],
    ['id nested under a built-in schema', { id: 'urn:ietf:params:scim:schemas:core:2.0:User:acme', name: 'A', attributes: [{ name: 'x', type: 'string' }] }, 'clashes'],
    ['missing name', { id: URN, attributes: [{ name: 'x', type: 'string' }] }, 'customSchemas[0].name'],
    ['unknown property', { id: URN, name: 'A', Attributes: [] }, "unknown property 'Attributes'"],
    ['bad resource type', { id: URN, name: 'A', resourceTypes: ['Device'], attributes: [{ name: 'x', type: 'string' }] }, 'resourceTypes'],
    ['no attributes', { id: URN, name: 'A', attributes: [] }, 'customSchemas[0].attributes must be a non-empty array'],
    ['attribute without type', { id: URN, name: 'A', attributes: [{ name: 'x' }] }, 'customSchemas[0].attributes[0].type is required'],
    ['unknown type', { id: URN, name: 'A', attributes: [{ name: 'x', type: 'text' }] }, 'attributes[0].type must be one of'],
    ['typo in a characteristic', { id: URN, name: 'A', attributes: [{ name: 'x', type: 'string', multivalued: true }] }, "unknown property 'multivalued'"],
    ['bad mutability', { id: URN, name: 'A', attributes: [{ name: 'x', type: 'string', mutability: 'readwrite' }] }, 'attributes[0].mutability'],
    ['flag not boolean', { id: URN, name: 'A', attributes: [{ name: 'x', type: 'string', required: 'yes' }] }, 'attributes[0].required'],
    ['invalid attribute name', { id: URN, name: 'A', attributes: [{ name: '1st', type: 'string' }] }, 'attributes[0].name'],
    ['__proto__ as a name', { id: URN, name: 'A', attributes: [{ name: '__proto__', type: 'string' }] }, 'attributes[0].name'],
    ['constructor as a name', { id: URN, name: 'A', attributes: [{ name: 'Constructor', type: 'string' }] }, 'attributes[0].name'],
    ['duplicate names ignoring case', { id: URN, name: 'A', attributes: [{ name: 'x', type: 'string' }, { name: 'X', type: 'integer' }] }, 'declared twice'],
    ['complex without sub-attributes', { id: URN, name: 'A', attributes: [{ name: 'c', type: 'complex' }] }, 'attributes[0].subAttributes'],
    ['sub-attributes on a string', { id: URN, name: 'A', attributes: [{ name: 's', type: 'string', subAttributes: [] }] }, 'only allowed on complex'],
    ['complex inside complex', { id: URN, name: 'A', attributes: [{ name: 'c', type: 'complex', subAttributes: [{ name: 'd', type: 'complex', subAttributes: [{ name: 'e', type: 'string' }] }] }] }, '§2.3.8'],
    ['referenceTypes on a string', { id: URN, name: 'A', attributes: [{ name: 's', type: 'string', referenceTypes: ['User'] }] }, 'referenceTypes'],
  ])('%s → invalidValue', (_name, json, detail) => {
    const e = errorOf(() => parseCustomSchemas(json));
    expect(e.scimType).toBe('invalidValue');
    expect(e.detail).toContain(detail);
  });

  it('refuses two declarations with the same URN', () => {
    const one = { id: URN, name: 'A', attributes: [{ name: 'x', type: 'string' }] };
    expect(errorOf(() => parseCustomSchemas([one, { ...one, id: URN.toUpperCase() }])).detail).toContain('customSchemas[1].id');
  });

  it('produces schemas that normalizeResource enforces', () => {
    const custom = parseCustomSchemas({ id: URN, name: 'A', attributes: [{ name: 'level', type: 'integer', required: true }] });
    const { User } = resourceSchemasWith(custom);
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', URN], userName: 'u', [URN]: { LEVEL: 3 } };
    expect(normalizeResource(body, User)[URN]).toEqual({ level: 3 });
    expect(errorOf(() => normalizeResource({ ...body, [URN]: { level: 'three' } }, User)).detail).toContain(`${URN}:level`);
  });
});
