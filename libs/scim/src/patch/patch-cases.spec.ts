import { isScimError } from '../errors';
import type { JsonValue, ScimResource } from '../resource';
import { applyPatch, ignoredPatchAttributes, parsePatchRequest } from './index';
import { PATCH_CASES, bodyOf, schemaOf, type PatchCase } from './patch-cases.table';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function run(c: PatchCase) {
  const before = deepFreeze(structuredClone(c.before)) as ScimResource;
  return applyPatch(before, parsePatchRequest(deepFreeze(structuredClone(bodyOf(c)))), schemaOf(c), c.options);
}

describe('patch case table (RFC 7644 §3.5.2 + docs/entra-compatibility.md, PATCH)', () => {
  it('has at least 80 cases and covers every Entra flag pair', () => {
    expect(PATCH_CASES.length).toBeGreaterThanOrEqual(80);
    expect(PATCH_CASES.filter((c) => c.category === 'entra-pair').length).toBeGreaterThanOrEqual(8);
  });

  const outcomes = PATCH_CASES.filter((c) => c.error === undefined);
  const failures = PATCH_CASES.filter((c) => c.error !== undefined);

  it.each(outcomes.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { resource, changes } = run(c);
    expect(resource).toEqual(c.after);
    expect(changes).toEqual(c.changes);
    // What was dropped is named for the audit trail, and nothing applied is reported as dropped.
    expect(ignoredPatchAttributes(parsePatchRequest(bodyOf(c)), schemaOf(c)).sort()).toEqual([...(c.ignored ?? [])].sort());
  });

  it.each(failures.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let thrown: unknown;
    try {
      run(c);
    } catch (e) {
      thrown = e;
    }
    expect(isScimError(thrown)).toBe(true);
    expect((thrown as { scimType?: string }).scimType).toBe(c.error);
    expect((thrown as { status: number }).status).toBe(400);
  });

  it.each(outcomes.map((c) => [c.name, c] as const))('idempotent: %s', (_name, c) => {
    // Entra retries requests (docs/entra-compatibility.md, how Entra's own engine provisions): the same PATCH applied to its own result changes nothing more.
    const once = run(c).resource;
    const twice = applyPatch(once, parsePatchRequest(bodyOf(c) as JsonValue), schemaOf(c));
    expect(twice.changes).toEqual([]);
    expect(twice.resource).toEqual(once);
  });

  it('each Entra pair ends in the same resource and changes with and without aadOptscim062020', () => {
    const pairs = new Map<string, PatchCase[]>();
    for (const c of PATCH_CASES.filter((x) => x.category === 'entra-pair')) {
      const key = c.name.split(',')[0];
      pairs.set(key, [...(pairs.get(key) ?? []), c]);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(4);
    for (const [, [defaultForm, flagged]] of pairs) {
      expect(flagged).toBeDefined();
      const a = run(defaultForm);
      const b = run(flagged);
      expect(b.resource).toEqual(a.resource);
      expect(b.changes).toEqual(a.changes);
    }
  });

  it('shares untouched attributes with the input instead of copying them', () => {
    const c = PATCH_CASES.find((x) => x.name.startsWith('entra pair: disable user, default'))!;
    const before = structuredClone(c.before) as ScimResource;
    const { resource } = applyPatch(before, parsePatchRequest(bodyOf(c) as JsonValue), schemaOf(c));
    expect(resource.emails).toBe(before.emails);
    expect(resource).not.toBe(before);
    expect(before.active).toBe(true);
  });
});
