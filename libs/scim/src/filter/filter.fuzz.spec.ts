import fc from 'fast-check';
import { isScimError } from '../errors';
import { evaluateFilter } from './filter.evaluator';
import { parseFilter } from './filter.parser';
import { parsePatchPath } from './patch-path.parser';
import { FILTER_CASE_SCHEMAS, FILTER_CASE_TABLE, filterCaseResources } from './testing';

// Seeded, so a failure reproduces; every property runs all of its inputs on any machine (no time box: a slow machine
// must not silently test less). How fast the parsers are is measured in libs/scim/bench, not here.
const SEED = 20_240_229;
const FUZZ_TIMEOUT_MS = 120_000;
const counts = { filter: 0, patchPath: 0 };

function expectOnly<T>(allowed: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!isScimError(e) || !allowed.includes(e.scimType as string)) throw e;
    return undefined;
  }
}

const TOKENS = [
  ' ', ' ', '(', ')', '[', ']', '"', '\\', '.', ':', '-', '_', '$', '%', 'eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt',
  'le', 'pr', 'and', 'or', 'not', 'true', 'false', 'null', '1', '-2.5e3', 'userName', 'emails', 'type', 'value', 'name',
  'givenName', 'members', 'meta', 'created', 'urn:ietf:params:scim:schemas:core:2.0:User:', 'Å', 'Σ', '\u0000', '\t',
  '\\u00e5', '\\"', '\uD83D', '2011-05-13T04:42:34Z',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 120 });

/** Mutates a seed text: replace, insert or delete a run of characters, or splice two seeds together. */
function mutated(seeds: string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 6 }),
    insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
  });
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.constantFrom(...seeds), fc.boolean()).map(
    ([seed, edits, other, splice]) => {
      let s = splice ? seed.slice(0, seed.length >> 1) + other.slice(other.length >> 1) : seed;
      for (const e of edits) {
        const at = s.length === 0 ? 0 : e.at % (s.length + 1);
        s = s.slice(0, at) + e.insert + s.slice(at + e.remove);
      }
      return s;
    },
  );
}

const FILTER_SEEDS = FILTER_CASE_TABLE.cases.map((c) => c.filter).filter((f) => f.length < 400);
const PATH_SEEDS = [
  'userName', 'name.givenName', 'emails[type eq "work"].value', 'emails[type eq "work"].primary', 'members[value eq "2819c223"]',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value', 'addresses[type eq "work" and primary eq true].locality',
  'members[value eq "a]b"]', 'roles', 'active', 'emails[not (type eq "home")]',
];

function checkFilter(text: string): void {
  counts.filter++;
  const filter = expectOnly(['invalidFilter', 'tooMany'], () => parseFilter(text));
  if (!filter) return;
  // A parsed filter evaluates or is refused as invalidFilter; nothing else.
  for (const type of ['User', 'Group'] as const) {
    const resource = filterCaseResources(type)[counts.filter % 4];
    expectOnly(['invalidFilter'], () => evaluateFilter(filter, resource, FILTER_CASE_SCHEMAS[type]));
  }
}

function checkPath(text: string): void {
  counts.patchPath++;
  expectOnly(['invalidPath'], () => parsePatchPath(text));
}

const run = (arb: fc.Arbitrary<string>, check: (s: string) => void, numRuns: number) =>
  fc.assert(
    fc.property(arb, (s) => check(s)),
    { seed: SEED, numRuns },
  );

describe('filter and PATCH path parser fuzzing (fast-check, fixed seed)', () => {
  afterAll(() => console.log(`fuzz inputs: ${counts.filter} filters, ${counts.patchPath} PATCH paths`));

  it('parseFilter: token soup throws only invalidFilter / tooMany', () => run(tokenText, checkFilter, 15_000), FUZZ_TIMEOUT_MS);
  it('parseFilter: arbitrary text throws only invalidFilter / tooMany', () => run(anyText, checkFilter, 10_000), FUZZ_TIMEOUT_MS);
  it('parseFilter: mutated case-table filters throw only invalidFilter / tooMany', () => run(mutated(FILTER_SEEDS), checkFilter, 20_000), FUZZ_TIMEOUT_MS);
  it('parsePatchPath: token soup and arbitrary text throw only invalidPath', () => run(fc.oneof(tokenText, anyText), checkPath, 8_000), FUZZ_TIMEOUT_MS);
  it('parsePatchPath: mutated paths throw only invalidPath', () => run(mutated(PATH_SEEDS), checkPath, 8_000), FUZZ_TIMEOUT_MS);

  it('ran all 61,000 inputs', () => {
    expect(counts.filter + counts.patchPath).toBe(61_000);
  });
});

describe('pathological inputs stay cheap', () => {
  const big = (s: string) => s.repeat(Math.ceil(4096 / s.length)).slice(0, 4096);
  const inputs = [
    big('('), big('not ('), big('a eq "x" and '), big('\\'), big('"\\u00'), big('emails[type eq "w" or '), big('a'),
    big('urn:a:'), big(' '), big('[]'), big('a pr or '), big('.'), '"' + big('\\"').slice(2) + '"',
  ];
  // Their timing is in libs/scim/bench/scim.bench.ts ("pathological input").
  it.each(inputs.map((s, i) => [i, s] as const))('input %i is refused with the right scimType or parsed', (_i, text) => {
    expectOnly(['invalidFilter', 'tooMany'], () => parseFilter(text));
    expectOnly(['invalidPath'], () => parsePatchPath(text));
  });
});
