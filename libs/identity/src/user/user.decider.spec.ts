import { ENTERPRISE_USER_SCHEMA, invalidValue, mutability, notFound, uniqueness } from '@scim-hub/scim';
import { deciderSpec } from '../testing';
import { alice, managerRef, MANAGER_ID, OTHER_MANAGER_ID, USER_ID, userCreated } from '../testing/fixtures/identity.fixtures';
import { userDecider } from './user.decider';

const given = deciderSpec(userDecider());
const MANAGER = `${ENTERPRISE_USER_SCHEMA}:manager`;
const deleted = { type: 'UserDeleted', data: {} } as const;

describe('User decider', () => {
  describe('CreateUser', () => {
    it('records UserCreated without the server-owned id and meta', () => {
      const sent = { ...alice(), id: 'client-chosen', meta: { resourceType: 'User' } };
      given([]).when({ type: 'CreateUser', id: USER_ID, resource: sent }).then([userCreated(alice())]);
    });

    it('refuses a user without userName (RFC 7643 §4.1: required)', () => {
      const { userName: _u, ...nameless } = alice();
      given([]).when({ type: 'CreateUser', id: USER_ID, resource: nameless }).then(invalidValue('x'));
    });

    it('refuses an id that a different user holds or held', () => {
      given([userCreated()])
        .when({ type: 'CreateUser', id: USER_ID, resource: alice({ title: 'Other' }) })
        .then(uniqueness('x'));
      given([userCreated(), deleted]).when({ type: 'CreateUser', id: USER_ID, resource: alice() }).then(uniqueness('x'));
    });

    it('decides nothing when the same create is retried (idempotent)', () => {
      given([userCreated()]).when({ type: 'CreateUser', id: USER_ID, resource: alice() }).then([]);
    });
  });

  describe('ReplaceUser (PUT, RFC 7644 §3.5.1)', () => {
    it('records only the changed attributes; omitted attributes are cleared', () => {
      const { externalId: _e, ...withoutExternalId } = alice({ title: 'Queen' });
      given([userCreated()])
        .when({ type: 'ReplaceUser', resource: withoutExternalId })
        .then([{ type: 'UserUpdated', data: { changes: [{ attribute: 'externalId' }, { attribute: 'title', value: 'Queen' }] } }]);
    });

    it('names extension attributes by URN and evolves to exactly the new resource', () => {
      const next = alice({ [ENTERPRISE_USER_SCHEMA]: { department: 'Looking Glass', employeeNumber: '42' } });
      given([userCreated()])
        .when({ type: 'ReplaceUser', resource: next })
        .thenState((state, events) => {
          expect(events).toEqual([
            { type: 'UserUpdated', data: { changes: [{ attribute: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Looking Glass' }] } },
          ]);
          expect(state).toEqual({ exists: true, deleted: false, resource: { ...next, id: USER_ID } });
        });
    });

    it('records active true → false as UserDeactivated, not inside UserUpdated', () => {
      given([userCreated()])
        .when({ type: 'ReplaceUser', resource: alice({ active: false, title: 'Gone' }) })
        .then([
          { type: 'UserUpdated', data: { changes: [{ attribute: 'title', value: 'Gone' }] } },
          { type: 'UserDeactivated', data: {} },
        ]);
    });

    it('records active false → true as UserReactivated', () => {
      given([userCreated(alice({ active: false }))])
        .when({ type: 'ReplaceUser', resource: alice({ active: true }) })
        .then([{ type: 'UserReactivated', data: {} }]);
    });

    it('sets, changes and clears the manager as one extension attribute change each', () => {
      const withManager = (id: string) => alice({ [ENTERPRISE_USER_SCHEMA]: { department: 'Wonderland', employeeNumber: '42', manager: managerRef(id) } });
      given([userCreated()])
        .when({ type: 'ReplaceUser', resource: withManager(MANAGER_ID) })
        .then([{ type: 'UserUpdated', data: { changes: [{ attribute: MANAGER, value: managerRef(MANAGER_ID) }] } }]);
      given([userCreated(withManager(MANAGER_ID))])
        .when({ type: 'ReplaceUser', resource: withManager(OTHER_MANAGER_ID) })
        .then([{ type: 'UserUpdated', data: { changes: [{ attribute: MANAGER, value: managerRef(OTHER_MANAGER_ID) }] } }]);
      given([userCreated(withManager(MANAGER_ID))])
        .when({ type: 'ReplaceUser', resource: alice() })
        .then([{ type: 'UserUpdated', data: { changes: [{ attribute: MANAGER }] } }]);
    });

    it('refuses a missing or deleted user with 404', () => {
      given([]).when({ type: 'ReplaceUser', resource: alice() }).then(notFound('x'));
      given([userCreated(), deleted]).when({ type: 'ReplaceUser', resource: alice() }).then(notFound('x'));
    });

    it('refuses a different id (RFC 7643 §3.1: id is readOnly) but accepts the same one', () => {
      given([userCreated()]).when({ type: 'ReplaceUser', resource: alice({ id: 'other' }) }).then(mutability('x'));
      given([userCreated()]).when({ type: 'ReplaceUser', resource: alice({ id: USER_ID }) }).then([]);
    });

    it('decides nothing when the resource is unchanged (idempotent), whatever the key order', () => {
      const reordered = Object.fromEntries(Object.entries(alice()).reverse());
      given([userCreated()]).when({ type: 'ReplaceUser', resource: reordered }).then([]);
    });
  });

  describe('DeleteUser', () => {
    it('records the UserDeleted tombstone', () => {
      given([userCreated()]).when({ type: 'DeleteUser' }).then([deleted]);
    });

    it('refuses a user that never existed with 404', () => {
      given([]).when({ type: 'DeleteUser' }).then(notFound('x'));
    });

    it('answers a repeated delete with 404 and no event (RFC 7644 §3.6)', () => {
      given([userCreated(), deleted]).when({ type: 'DeleteUser' }).then(notFound('x'));
    });
  });
});
