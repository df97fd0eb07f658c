import { attribute, GROUP, userResourceSchema, USER, type ResourceSchema, type SchemaDefinition } from '../schema';
import { normalizeResource, normalizeResourceWithReport, type NormalizeOptions } from './index';
import cases from './validation-cases.json';
import { errorOf } from '../testing/error-of';

interface Case {
  name: string;
  resourceType: 'User' | 'Group' | 'CustomUser';
  input?: unknown;
  inputJson?: string;
  options?: NormalizeOptions;
  expected?: Record<string, unknown>;
  error?: string;
  detail?: string;
  /** Names the normaliser must report as ignored (checked when given). */
  ignored?: string[];
}

const acme: SchemaDefinition = {
  id: 'urn:example:scim:schemas:extension:acme:2.0:User',
  name: 'AcmeUser',
  description: 'Acme badge data',
  attributes: [
    attribute('badgeId', 'string', { required: true }),
    attribute('badgeNumber', 'integer'),
    attribute('salaryBand', 'decimal'),
    attribute('hireDate', 'dateTime'),
  ],
};

const schemas: Record<Case['resourceType'], ResourceSchema> = {
  User: USER,
  Group: GROUP,
  CustomUser: userResourceSchema([acme]),
};

function inputOf(c: Case): unknown {
  return c.inputJson !== undefined ? JSON.parse(c.inputJson) : c.input;
}

const table = cases as Case[];

describe('normalizeResource case table', () => {
  it('has at least 40 cases, each with exactly one of expected / error', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
    for (const c of table) expect([c.expected !== undefined, c.error !== undefined].filter(Boolean)).toHaveLength(1);
  });

  it.each(table.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = () => normalizeResource(inputOf(c), schemas[c.resourceType], c.options);
    if (c.expected) {
      expect(run()).toEqual(c.expected);
      if (c.ignored) expect(normalizeResourceWithReport(inputOf(c), schemas[c.resourceType], c.options).ignoredAttributes.sort()).toEqual([...c.ignored].sort());
      return;
    }
    const error = errorOf(run);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(c.error);
    expect(error.detail).toContain(c.detail);
  });

  it('the canonical form is a fixed point: normalising an expected output gives it back', () => {
    for (const c of table.filter((t) => t.expected)) {
      expect(normalizeResource(c.expected, schemas[c.resourceType], c.options)).toEqual(c.expected);
    }
  });
});

describe('normalizeResource output', () => {
  it('puts schemas first and the attributes in schema order, whatever the input order', () => {
    const out = normalizeResource(
      { active: true, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'x' }, userName: 'u', externalId: 'e', schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
      USER,
    );
    expect(Object.keys(out)).toEqual(['schemas', 'externalId', 'userName', 'active', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
  });

  it('does not mutate its input', () => {
    const input = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], USERNAME: 'u', emails: { value: 'a@b' }, active: 'True' };
    const copy = structuredClone(input);
    normalizeResource(input, USER);
    expect(input).toEqual(copy);
  });

  it('never pollutes Object.prototype, whatever the hostile key', () => {
    const bodies = [
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u","__proto__":{"polluted":1}}',
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u","name":{"__proto__":{"polluted":1}}}',
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u","emails":[{"constructor":{"prototype":{"polluted":1}}}]}',
    ];
    for (const body of bodies) expect(() => normalizeResource(JSON.parse(body), USER)).toThrow(/not an acceptable attribute name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('normalizeResource default limits', () => {
  const base = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'u' };

  it('accepts a 16 KiB string and refuses one byte more', () => {
    expect(normalizeResource({ ...base, displayName: 'x'.repeat(16 * 1024) }, USER).displayName).toHaveLength(16 * 1024);
    expect(errorOf(() => normalizeResource({ ...base, displayName: 'x'.repeat(16 * 1024 + 1) }, USER)).detail).toContain('displayName');
  });

  it('accepts 10,000 values of a multi-valued attribute and refuses 10,001', () => {
    const emails = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `u${i}@x.org` }));
    expect(normalizeResource({ ...base, emails: emails(10_000) }, USER).emails).toHaveLength(10_000);
    const error = errorOf(() => normalizeResource({ ...base, emails: emails(10_001) }, USER));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('emails');
  });

  it('accepts 20,000 group members by default (members limit is 100,000)', () => {
    const members = Array.from({ length: 20_000 }, (_, i) => ({ value: `u${i}` }));
    const out = normalizeResource({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'G', members }, GROUP);
    expect(out.members).toHaveLength(20_000);
  });
});
