import fc from 'fast-check';
import type { JsonObject, ScimResource } from '@scim-hub/scim';
import { applyAttributeChanges, diffAttributes } from './attribute-changes';

const EXT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const leaf = fc.oneof(fc.string(), fc.boolean(), fc.integer(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'value'), leaf, { maxKeys: 2 }));
const attributes = fc.dictionary(fc.constantFrom('userName', 'title', 'emails', 'name', 'active', 'schemas'), value, { maxKeys: 5 });
// Canonical resources never hold an empty extension object (RFC 7643 §2.5: empty = unassigned).
const extension = fc.dictionary(fc.constantFrom('manager', 'department', 'costCenter'), value, { minKeys: 1, maxKeys: 3 });
const resource = fc
  .tuple(attributes, fc.option(extension, { nil: undefined }), fc.option(fc.constantFrom('id-1', 'id-2'), { nil: undefined }))
  .map(([core, ext, id]): ScimResource => ({ ...core, ...(ext ? { [EXT]: ext } : {}), ...(id ? { id } : {}) }));

const withoutId = ({ id: _id, ...rest }: ScimResource): JsonObject => rest;

describe('diffAttributes / applyAttributeChanges', () => {
  it('apply(before, diff(before, after)) equals after, except the server-owned id', () => {
    fc.assert(
      fc.property(resource, resource, (before, after) => {
        const applied = applyAttributeChanges(before, diffAttributes(before, after));
        expect(withoutId(applied)).toEqual(withoutId(after));
      }),
      { numRuns: 300 },
    );
  });

  it('finds no change between a resource and itself', () => {
    fc.assert(fc.property(resource, (r) => expect(diffAttributes(r, structuredClone(r))).toEqual([])), { numRuns: 100 });
  });

  it('names extension attributes `<urn>:<name>` and ignores meta, id and the given keys', () => {
    const before: ScimResource = { id: 'a', meta: { version: 'W/"1"' }, members: [], [EXT]: { department: 'D' } };
    const after: ScimResource = { id: 'b', members: [{ value: 'x' }], [EXT]: { department: 'E', manager: { value: 'm' } } };
    expect(diffAttributes(before, after, new Set(['members']))).toEqual([
      { attribute: `${EXT}:department`, value: 'E' },
      { attribute: `${EXT}:manager`, value: { value: 'm' } },
    ]);
  });
});
