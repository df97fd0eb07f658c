import { invalidPath, invalidValue, mutability, notFound, type PatchOperation } from '@scim-hub/scim';
import { deciderSpec } from '../testing';
import { GROUP_ID, groupCreated, member } from '../testing/fixtures/identity.fixtures';
import { groupDecider } from './group.decider';

const given = deciderSpec(groupDecider());
const patch = (...operations: PatchOperation[]) => ({ type: 'PatchGroup', operations }) as const;
const [u1, u2, u3] = ['u1', 'u2', 'u3'].map((id) => member(id));

describe('Group decider — PatchGroup (RFC 7644 §3.5.2, Entra forms docs/entra-compatibility.md §43–44)', () => {
  it('records the Entra member add as GroupMembersAdded with only the new members', () => {
    given([groupCreated([u1])])
      .when(patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u2' }, { value: 'u3' }] }))
      .then([{ type: 'GroupMembersAdded', data: { members: [u2, u3] } }]);
  });

  it('decides nothing when every added member is already in (idempotent re-send)', () => {
    given([groupCreated([u1, u2])]).when(patch({ op: 'add', path: 'members', value: [{ value: 'u2' }] })).then([]);
  });

  it('removes only the listed members in the default form (value list)', () => {
    given([groupCreated([u1, u2, u3])])
      .when(patch({ op: 'Remove', path: 'members', value: [{ value: 'u2' }] }))
      .then([{ type: 'GroupMembersRemoved', data: { values: ['u2'] } }]);
  });

  it('matches member values case-insensitively (members.value caseExact false) and records the stored spelling', () => {
    given([groupCreated([member('abc-DEF')])])
      .when(patch({ op: 'Remove', path: 'members', value: [{ value: 'ABC-def' }] }))
      .then([{ type: 'GroupMembersRemoved', data: { values: ['abc-DEF'] } }]);
    given([groupCreated([member('abc-DEF')])]).when(patch({ op: 'add', path: 'members', value: [{ value: 'ABC-DEF' }] })).then([]);
  });

  it('removes the member named by the flagged filter form', () => {
    given([groupCreated([u1, u2])])
      .when(patch({ op: 'remove', path: 'members[value eq "u1"]' }))
      .then([{ type: 'GroupMembersRemoved', data: { values: ['u1'] } }]);
  });

  it('removes every member for a remove without value (Postman suite, docs/entra-compatibility.md §44)', () => {
    given([groupCreated([u1, u2])])
      .when(patch({ op: 'remove', path: 'members' }))
      .then([{ type: 'GroupMembersRemoved', data: { values: ['u1', 'u2'] } }]);
  });

  it('nets add-then-remove of the same member in one request to nothing', () => {
    given([groupCreated([u1])])
      .when(patch({ op: 'add', path: 'members', value: [{ value: 'u2' }] }, { op: 'remove', path: 'members[value eq "u2"]' }))
      .then([]);
  });

  it('records a rename as GroupUpdated and keeps the members', () => {
    given([groupCreated([u1])])
      .when(patch({ op: 'Replace', path: 'displayName', value: 'Ops' }))
      .thenState((state, events) => {
        expect(events).toEqual([{ type: 'GroupUpdated', data: { changes: [{ attribute: 'displayName', value: 'Ops' }] } }]);
        expect(state.exists && [...state.members.keys()]).toEqual(['u1']);
      });
  });

  it('refuses a missing group, a removed displayName, and adding the group to itself', () => {
    given([]).when(patch({ op: 'add', path: 'members', value: [{ value: 'u1' }] })).then(notFound('x'));
    given([groupCreated()]).when(patch({ op: 'remove', path: 'displayName' })).then(mutability('x'));
    given([groupCreated()]).when(patch({ op: 'add', path: 'members', value: [{ value: GROUP_ID }] })).then(invalidValue('x'));
  });

  it('ignores an unknown sub-attribute of an added member by default, refuses it with strictSchema', () => {
    const add = patch({ op: 'add', path: 'members', value: [{ value: 'u2', displayName: 'Bob' }] });
    given([groupCreated([u1])]).when(add).then([{ type: 'GroupMembersAdded', data: { members: [u2] } }]);
    deciderSpec(groupDecider(undefined, { strictSchema: true }))([groupCreated([u1])]).when(add).then(invalidPath('x'));
  });
});
