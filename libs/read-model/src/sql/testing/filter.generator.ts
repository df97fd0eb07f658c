import fc from 'fast-check';
import type { JsonValue, ScimResource } from '@scim-hub/scim';
import { FILTER_CASE_TABLE } from '@scim-hub/scim/filter/testing';

// Generates well-formed filters over the case-table fixture: paths that exist (and a few that do not),
// values taken from the fixture (whole, cut, re-cased) so that comparisons often match.

function strings(v: JsonValue | undefined, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
}

function fixtureStrings(resources: ScimResource[]): string[] {
  const all = new Set<string>();
  resources.forEach((r) => strings(r, all));
  const out = new Set<string>(['', '%', '_', 'a', 'é', 'Σ', 'work', 'WORK']);
  for (const s of all) {
    if (s.length > 60) continue;
    [s, s.toUpperCase(), s.toLowerCase(), s.slice(0, 3), s.slice(-3), s.slice(1, 5)].forEach((x) => out.add(x));
  }
  return [...out];
}

const quoted = (s: string) => JSON.stringify(s);
const STRING_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const ORDER_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

interface PathSpec {
  paths: string[];
  ops: string[];
  value: fc.Arbitrary<string>;
}

function attributeExpression(specs: PathSpec[]): fc.Arbitrary<string> {
  const compare = fc.constantFrom(...specs).chain((s) =>
    fc.tuple(fc.constantFrom(...s.paths), fc.constantFrom(...s.ops), s.value).map(([p, op, v]) => `${p} ${op} ${v}`),
  );
  const present = fc.constantFrom(...specs.flatMap((s) => s.paths)).map((p) => `${p} pr`);
  const nulls = fc.constantFrom(...specs.flatMap((s) => s.paths)).chain((p) => fc.constantFrom(`${p} eq null`, `${p} ne null`));
  return fc.oneof({ arbitrary: compare, weight: 6 }, { arbitrary: present, weight: 2 }, { arbitrary: nulls, weight: 1 });
}

function combined(leaf: fc.Arbitrary<string>, depth: number): fc.Arbitrary<string> {
  if (depth === 0) return leaf;
  const inner = combined(leaf, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.tuple(inner, fc.constantFrom('and', 'or', 'AND', 'Or'), inner).map(([a, op, b]) => `${a} ${op} ${b}`), weight: 2 },
    { arbitrary: inner.map((a) => `not (${a})`), weight: 1 },
    { arbitrary: inner.map((a) => `(${a})`), weight: 1 },
  );
}

const dates = fc
  .tuple(fc.integer({ min: 978_307_200_000, max: 1_735_689_600_000 }), fc.constantFrom('Z', '+02:00', '-05:00', ''))
  .map(([ms, zone]) => quoted(new Date(ms).toISOString().slice(0, zone === 'Z' ? 24 : 23) + (zone === 'Z' ? '' : zone)));

function userSpecs(values: fc.Arbitrary<string>): { top: PathSpec[]; emails: PathSpec[]; skills: PathSpec[] } {
  const fixtureDates = fc.constantFrom(...FILTER_CASE_TABLE.users.map((u) => quoted((u.meta as { created: string }).created)));
  return {
    top: [
      {
        paths: ['userName', 'displayName', 'title', 'nickName', 'externalId', 'id', 'name.givenName', 'name.familyName', 'emails',
          'emails.value', 'emails.type', 'phoneNumbers.value', 'addresses.country', 'roles.value', 'department', 'manager',
          'manager.value', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName', 'code', 'badges',
          'skills.name', 'meta.resourceType', 'userType', 'unknownAttr', 'name.unknown'],
        ops: STRING_OPS,
        value: values,
      },
      { paths: ['active', 'emails.primary', 'remote', 'addresses.primary'], ops: ['eq', 'ne'], value: fc.constantFrom('true', 'false') },
      { paths: ['level', 'score', 'skills.years'], ops: ORDER_OPS, value: fc.constantFrom('-3', '-2', '0', '1', '2.75', '3', '4.5', '7', '8') },
      { paths: ['meta.created', 'meta.lastModified', 'hireDate'], ops: ORDER_OPS, value: fc.oneof(dates, fixtureDates) },
    ],
    emails: [
      { paths: ['value', 'type', 'display'], ops: STRING_OPS, value: values },
      { paths: ['primary'], ops: ['eq', 'ne'], value: fc.constantFrom('true', 'false') },
    ],
    skills: [
      { paths: ['name'], ops: STRING_OPS, value: values },
      { paths: ['years'], ops: ORDER_OPS, value: fc.constantFrom('2', '10', '15') },
    ],
  };
}

/** Well-formed User filters over the fixture, including value paths and `[…].sub` forms. */
export function userFilters(): fc.Arbitrary<string> {
  const values = fc.constantFrom(...fixtureStrings(FILTER_CASE_TABLE.users)).map(quoted);
  const specs = userSpecs(values);
  const emailInner = combined(attributeExpression(specs.emails), 1);
  const valuePaths = fc.oneof(
    emailInner.map((f) => `emails[${f}]`),
    combined(attributeExpression(specs.skills), 1).map((f) => `skills[${f}]`),
    fc.tuple(emailInner, fc.constantFrom('value', 'type'), fc.constantFrom(...STRING_OPS), values).map(([f, s, op, v]) => `emails[${f}].${s} ${op} ${v}`),
  );
  return combined(fc.oneof({ arbitrary: attributeExpression(specs.top), weight: 4 }, { arbitrary: valuePaths, weight: 1 }), 3);
}

/** Well-formed Group filters over the fixture. */
export function groupFilters(): fc.Arbitrary<string> {
  const values = fc.constantFrom(...fixtureStrings(FILTER_CASE_TABLE.groups)).map(quoted);
  const top: PathSpec[] = [
    { paths: ['displayName', 'externalId', 'id', 'members', 'members.value', 'members.display', 'members.type'], ops: STRING_OPS, value: values },
    { paths: ['meta.created'], ops: ORDER_OPS, value: dates },
  ];
  const inner = combined(attributeExpression([{ paths: ['value', 'display', 'type'], ops: STRING_OPS, value: values }]), 1);
  return combined(fc.oneof(attributeExpression(top), inner.map((f) => `members[${f}]`)), 3);
}
