import fc from 'fast-check';
import { isScimError } from '../errors';
import type { JsonObject, JsonValue, ScimResource } from '../resource';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '../schema';
import { applyPatch, parsePatchRequest, type PatchChange } from './index';
import { PATCH_CASES, bodyOf, schemaOf, type PatchCase } from './patch-cases.table';

// Seeded fuzzing of parsePatchRequest + applyPatch: every failure must be a ScimError, every success
// must keep the canonical form and report changes that rebuild the result (the PatchChange contract).
// Every property runs all of its bodies on any machine (no time box); speed is measured in libs/scim/bench.
const SEED = 20_240_607;

const ATTRS = ['userName', 'USERNAME', 'active', 'displayName', 'externalId', 'nickName', 'name', 'title', 'emails', 'phoneNumbers',
  'addresses', 'roles', 'members', 'manager', 'department', 'employeeNumber', 'groups', 'id', 'meta', 'password', 'x509Certificates',
  'entitlements', 'photos', 'ims', 'nope', '$ref', 'schemas'];
const SUBS = ['value', 'type', 'primary', 'display', 'givenName', 'familyName', '$ref', 'locality', 'displayName', 'lastModified', 'bogus'];
const URNS = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, 'urn:example:acme:1.0:User', 'urn:', 'urn:x'];
const OPS = ['add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'ADD'];
const BAD_OPS = ['copy', 'move', '', ' add ', 'test'];
const FILTER_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ'];

const literal = fc.oneof(fc.constantFrom('"work"', '"home"', '"m1"', '"u9"', 'true', 'false', 'null', '42', 'jyoung', '"'), fc.json());
const comparison = fc.tuple(fc.constantFrom(...SUBS), fc.constantFrom(...FILTER_OPS), literal).map(([a, o, v]) => `${a} ${o} ${v}`);
const valueFilter: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.constantFrom(...SUBS).map((a) => `${a} pr`),
    fc.tuple(tie('f'), fc.constantFrom('and', 'or', 'AND'), tie('f')).map(([l, j, r]) => `${l} ${j} ${r}`),
    tie('f').map((f) => `not (${f})`),
    tie('f').map((f) => `(${f})`),
  ),
})).f;
const tablePaths = PATCH_CASES.flatMap((c) =>
  c.operations.flatMap((o) => (o && typeof o === 'object' && 'path' in o && typeof o.path === 'string' ? [o.path] : [])),
);
const path = fc.oneof(
  { arbitrary: fc.constantFrom(...tablePaths), weight: 8 },
  { arbitrary: fc.constantFrom(...ATTRS), weight: 3 },
  fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...SUBS)).map(([a, s]) => `${a}.${s}`),
  fc.tuple(fc.constantFrom(...URNS), fc.constantFrom(...ATTRS)).map(([u, a]) => `${u}:${a}`),
  fc.constantFrom(...URNS),
  {
    arbitrary: fc.tuple(fc.constantFrom(...ATTRS), valueFilter, fc.option(fc.constantFrom(...SUBS))).map(([a, f, s]) => `${a}[${f}]${s ? '.' + s : ''}`),
    weight: 3,
  },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const tableValues = PATCH_CASES.flatMap((c) => c.operations.flatMap((o) => (o && typeof o === 'object' && 'value' in o ? [o.value as JsonValue] : [])));
const value = fc.oneof(
  { arbitrary: fc.constantFrom(...tableValues), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom('True', 'False', '', null, [], {}), weight: 1 },
);
// Mostly well-formed operations, so that most bodies get past the message checks into applyPatch.
const operation = fc.record(
  {
    op: fc.oneof({ arbitrary: fc.constantFrom(...OPS), weight: 40 }, fc.constantFrom(...BAD_OPS), fc.jsonValue({ maxDepth: 1 })),
    path: fc.oneof({ arbitrary: path, weight: 40 }, fc.jsonValue({ maxDepth: 1 })),
    value,
  },
  { requiredKeys: ['op'] },
);

type Mutation = (body: JsonObject) => void;
const insertOperation = fc.tuple(fc.nat(), operation).map(([i, op]): Mutation => (b) => {
  ops(b).splice(i % (ops(b).length + 1), 0, op as JsonValue);
});
const setMember = fc.oneof(
  fc.tuple(fc.nat(), fc.constant('path'), path),
  fc.tuple(fc.nat(), fc.constant('value'), value),
  fc.tuple(fc.nat(), fc.constant('op'), fc.constantFrom(...OPS, ...BAD_OPS)),
);
const changeOperation = setMember.map(([i, key, v]): Mutation => (b) => {
  const target = ops(b)[i % Math.max(ops(b).length, 1)];
  if (target && typeof target === 'object' && !Array.isArray(target)) (target as JsonObject)[key] = v as JsonValue;
});
const dropMember = fc.tuple(fc.nat(), fc.constantFrom('op', 'path', 'value')).map(([i, key]): Mutation => (b) => {
  const target = ops(b)[i % Math.max(ops(b).length, 1)];
  if (target && typeof target === 'object' && !Array.isArray(target)) delete (target as JsonObject)[key];
});
const dropOperation = fc.nat().map((i): Mutation => (b) => void ops(b).splice(i % Math.max(ops(b).length, 1), 1));
const breakMessage = fc.tuple(fc.constantFrom('schemas', 'Operations'), fc.jsonValue({ maxDepth: 2 })).map(
  ([key, v]): Mutation => (b) => void (b[key] = v as JsonValue),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: insertOperation, weight: 4 },
  { arbitrary: changeOperation, weight: 8 },
  { arbitrary: dropMember, weight: 1 },
  { arbitrary: dropOperation, weight: 1 },
  { arbitrary: breakMessage, weight: 1 },
);
function ops(body: JsonObject): JsonValue[] {
  if (!Array.isArray(body.Operations)) body.Operations = [];
  return body.Operations as JsonValue[];
}

const tableCase = fc.constantFrom(...PATCH_CASES);
const mutatedBody = fc.tuple(tableCase, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([c, mutations]) => {
  const body = structuredClone(bodyOf(c)) as JsonValue;
  if (body && typeof body === 'object' && !Array.isArray(body)) mutations.forEach((m) => m(body));
  return { c, body };
});
const randomBody = fc.tuple(tableCase, fc.array(operation, { minLength: 1, maxLength: 5 })).map(([c, operations]) => ({
  c,
  body: { schemas: [PATCH_OP_SCHEMA], Operations: operations } as JsonValue,
}));
const anyBody = fc.tuple(tableCase, fc.jsonValue({ maxDepth: 4 })).map(([c, body]) => ({ c, body }));

function hasNull(v: unknown): boolean {
  if (v === null) return true;
  return typeof v === 'object' && Object.values(v as object).some(hasNull);
}

/** Rebuilds the patched resource from `before` and the reported changes alone. */
function replay(before: ScimResource, changes: PatchChange[]): JsonObject {
  const r: JsonObject = structuredClone(before);
  for (const ch of changes) {
    if (ch.kind === 'membersRemoved') r.members = ((r.members ?? []) as JsonObject[]).filter((m) => !ch.values.includes(m.value as string));
    else if (ch.kind === 'membersAdded') r.members = [...((r.members ?? []) as JsonValue[]), ...(ch.members as unknown as JsonValue[])];
    else {
      const urn = ch.attribute.startsWith('urn:') ? ch.attribute.slice(0, ch.attribute.lastIndexOf(':')) : undefined;
      const name = urn ? ch.attribute.slice(urn.length + 1) : ch.attribute;
      const container = (urn ? ((r[urn] ??= {}) as JsonObject) : r) as JsonObject;
      if (ch.kind === 'set') container[name] = ch.value;
      else delete container[name];
      if (urn && Object.keys(container).length === 0) delete r[urn];
    }
  }
  return r;
}

function comparable(r: JsonObject): JsonObject {
  const { schemas: _s, ...rest } = r;
  if (Array.isArray(rest.members)) rest.members = [...(rest.members as JsonObject[])].sort((a, b) => String(a.value).localeCompare(String(b.value)));
  else if (r.schemas && (r.schemas as string[]).includes(GROUP_SCHEMA)) rest.members = [];
  return rest;
}

function primaryCount(list: JsonValue | undefined): number {
  return Array.isArray(list) ? list.filter((e) => e && typeof e === 'object' && (e as JsonObject).primary === true).length : 0;
}

let runs = 0;

function check({ c, body }: { c: PatchCase; body: unknown }): void {
  runs++;
  try {
    const before = c.before;
    const { resource, changes } = applyPatch(before, parsePatchRequest(body), schemaOf(c));
    expect(hasNull(resource)).toBe(false);
    expect(comparable(replay(before, changes))).toEqual(comparable(resource));
    for (const attr of ['emails', 'phoneNumbers', 'roles', 'addresses']) expect(primaryCount(resource[attr])).toBeLessThanOrEqual(1);
  } catch (e) {
    if (!isScimError(e)) throw e;
    expect(e.status).toBe(400);
  }
}

describe('PATCH fuzzing (seeded)', () => {
  beforeAll(() => {
    // Frozen inputs: any mutation of the caller's resource throws and fails the property.
    const freeze = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    };
    PATCH_CASES.forEach((c) => freeze(c.before));
  });

  const params = (numRuns: number) => ({ seed: SEED, numRuns });

  // 24,000 + 12,000 + 4,000 = 40,000 bodies in all; each property must run all of its own.
  it.each([
    ['mutated table bodies: only ScimErrors, consistent changes', mutatedBody, 24_000],
    ['random structured bodies: only ScimErrors, consistent changes', randomBody, 12_000],
    ['arbitrary JSON bodies: only ScimErrors', anyBody, 4_000],
  ] as const)('%s', (_name, bodies, numRuns) => {
    runs = 0;
    fc.assert(fc.property(bodies as fc.Arbitrary<{ c: PatchCase; body: unknown }>, check), params(numRuns));
    expect(runs).toBeGreaterThanOrEqual(numRuns);
  }, 120_000);
});
