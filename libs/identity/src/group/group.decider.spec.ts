import { invalidValue, mutability, notFound, uniqueness } from '@scim-hub/scim';
import { deciderSpec } from '../testing';
import { admins, GROUP_ID, groupCreated, member } from '../testing/fixtures/identity.fixtures';
import { groupDecider } from './group.decider';

const given = deciderSpec(groupDecider());
const deleted = { type: 'GroupDeleted', data: {} } as const;
const [u1, u2, u3] = ['u1', 'u2', 'u3'].map((id) => member(id));

describe('Group decider', () => {
  describe('CreateGroup', () => {
    it('records GroupCreated with the members apart from the resource, duplicates dropped', () => {
      given([])
        .when({ type: 'CreateGroup', id: GROUP_ID, resource: { ...admins([u1, u2, member('u1', 'again')]), meta: { resourceType: 'Group' } } })
        .then([groupCreated([u1, u2])]);
    });

    it('records an empty group the way Entra creates it (docs/entra-compatibility.md §32)', () => {
      given([]).when({ type: 'CreateGroup', id: GROUP_ID, resource: admins() }).then([groupCreated()]);
    });

    it('refuses a group without displayName and a group that contains itself', () => {
      const { displayName: _d, ...nameless } = admins();
      given([]).when({ type: 'CreateGroup', id: GROUP_ID, resource: nameless }).then(invalidValue('x'));
      given([]).when({ type: 'CreateGroup', id: GROUP_ID, resource: admins([member(GROUP_ID)]) }).then(invalidValue('x'));
    });

    it('refuses an id held by a different group, decides nothing for a retried create', () => {
      given([groupCreated([u1])]).when({ type: 'CreateGroup', id: GROUP_ID, resource: admins([u2]) }).then(uniqueness('x'));
      given([groupCreated([u1]), deleted]).when({ type: 'CreateGroup', id: GROUP_ID, resource: admins([u1]) }).then(uniqueness('x'));
      given([groupCreated([u1])]).when({ type: 'CreateGroup', id: GROUP_ID, resource: admins([u1]) }).then([]);
    });
  });

  describe('ReplaceGroup (PUT)', () => {
    it('records attribute changes as GroupUpdated and members as deltas, never the whole list', () => {
      given([groupCreated([u1, u2])])
        .when({ type: 'ReplaceGroup', resource: admins([u2, u3], { displayName: 'Administrators' }) })
        .thenState((state, events) => {
          expect(events).toEqual([
            { type: 'GroupUpdated', data: { changes: [{ attribute: 'displayName', value: 'Administrators' }] } },
            { type: 'GroupMembersRemoved', data: { values: ['u1'] } },
            { type: 'GroupMembersAdded', data: { members: [u3] } },
          ]);
          expect(state.exists && [...state.members.keys()]).toEqual(['u2', 'u3']);
        });
    });

    it('removes every member when the PUT has none', () => {
      given([groupCreated([u1, u2])])
        .when({ type: 'ReplaceGroup', resource: admins() })
        .then([{ type: 'GroupMembersRemoved', data: { values: ['u1', 'u2'] } }]);
    });

    it('decides nothing when name and members are unchanged (member order, display and value case ignored)', () => {
      given([groupCreated([u1, u2])]).when({ type: 'ReplaceGroup', resource: admins([u2, member('U1', 'Alice')]) }).then([]);
    });

    it('refuses a missing or deleted group, and a different id', () => {
      given([]).when({ type: 'ReplaceGroup', resource: admins() }).then(notFound('x'));
      given([groupCreated(), deleted]).when({ type: 'ReplaceGroup', resource: admins() }).then(notFound('x'));
      given([groupCreated()]).when({ type: 'ReplaceGroup', resource: admins([], { id: 'other' }) }).then(mutability('x'));
    });
  });

  describe('DeleteGroup', () => {
    it('records the tombstone; a second delete or a never-created group is a 404', () => {
      given([groupCreated([u1])]).when({ type: 'DeleteGroup' }).then([deleted]);
      given([groupCreated([u1]), deleted]).when({ type: 'DeleteGroup' }).then(notFound('x'));
      given([]).when({ type: 'DeleteGroup' }).then(notFound('x'));
    });
  });
});
