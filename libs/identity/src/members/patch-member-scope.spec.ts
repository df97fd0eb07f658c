import { applyPatch, GROUP, isScimError, type JsonValue, type PatchOperation } from '@scim-hub/scim';
import { groupChangeEvents } from '../group/group-changes';
import { admins, GROUP_ID, member } from '../testing/fixtures/identity.fixtures';
import { memberDeltaFromPatch } from './member-delta';
import { toMemberMap } from './member-map';
import { membersForPatch } from './patch-member-scope';

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const current = toMemberMap([member('u1', 'One'), member('u2'), member('u3')]);
const resource = { ...admins(), id: GROUP_ID };

/** Decide a group PATCH handing the protocol lib the given members; an error is reported as its status. */
function outcome(members: ReturnType<typeof membersForPatch>, operations: PatchOperation[]): unknown {
  try {
    const { resource: next, changes } = applyPatch({ ...resource, members: members as unknown as JsonValue }, operations, GROUP);
    return groupChangeEvents(resource, next, memberDeltaFromPatch(current, changes));
  } catch (e) {
    if (isScimError(e)) return { status: e.status, scimType: e.scimType };
    throw e;
  }
}

const cases: [string, PatchOperation[], string[] | 'all'][] = [
  ['Entra add of a present member', [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u2' }] }], ['u2']],
  ['add of a new member', [{ op: 'add', path: 'members', value: [{ value: 'u9' }] }], []],
  ['default-form remove, value in another case', [{ op: 'Remove', path: 'members', value: [{ value: 'U1' }] }], ['u1']],
  ['flagged filter remove', [{ op: 'remove', path: 'members[value eq "u3"]' }], ['u3']],
  ['filter remove of a non-member', [{ op: 'remove', path: 'members[value eq "nobody"]' }], []],
  ['URN-qualified members add', [{ op: 'add', path: `${GROUP_URN}:members`, value: [{ value: 'u1' }, { value: 'u8' }] }], ['u1']],
  ['rename only', [{ op: 'replace', path: 'displayName', value: 'Ops' }], []],
  ['rename and add', [{ op: 'replace', path: 'displayName', value: 'Ops' }, { op: 'add', path: 'members', value: [{ value: 'u7' }] }], []],
  ['remove all members', [{ op: 'remove', path: 'members' }], 'all'],
  ['replace members', [{ op: 'replace', path: 'members', value: [{ value: 'u1' }] }], 'all'],
  ['pathless replace', [{ op: 'replace', value: { displayName: 'Ops' } }], 'all'],
  ['remove by another filter', [{ op: 'remove', path: 'members[display eq "One"]' }], 'all'],
  ['schema URN path', [{ op: 'remove', path: GROUP_URN }], 'all'],
  ['a value that is not a member list', [{ op: 'add', path: 'members', value: 'u1' }], 'all'],
];

describe('membersForPatch', () => {
  it.each(cases)('%s: hands over only what the operations can touch', (_name, operations, expected) => {
    const values = membersForPatch(current, operations).map((m) => m.value);
    expect(values).toEqual(expected === 'all' ? ['u1', 'u2', 'u3'] : expected);
  });

  it.each(cases)('%s: decides exactly what the full member list decides', (_name, operations) => {
    expect(outcome(membersForPatch(current, operations), operations)).toEqual(outcome([...current.values()], operations));
  });
});
