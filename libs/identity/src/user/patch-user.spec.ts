import { ENTERPRISE_USER_SCHEMA, invalidValue, mutability, notFound, type PatchOperation } from '@scim-hub/scim';
import { deciderSpec } from '../testing';
import { alice, MANAGER_ID, OTHER_MANAGER_ID, USER_ID, userCreated } from '../testing/fixtures/identity.fixtures';
import { userDecider } from './user.decider';

const given = deciderSpec(userDecider());
const patch = (...operations: PatchOperation[]) => ({ type: 'PatchUser', operations }) as const;
const MANAGER = `${ENTERPRISE_USER_SCHEMA}:manager`;
const managerValue = (events: unknown[]) =>
  (events[0] as { data: { changes: { attribute: string; value?: { value?: string } }[] } }).data.changes.find(
    (c) => c.attribute === MANAGER,
  );

describe('User decider — PatchUser (RFC 7644 §3.5.2)', () => {
  it('records one UserUpdated for the attributes a PATCH changes', () => {
    given([userCreated()])
      .when(patch({ op: 'Replace', path: 'name.familyName', value: 'Pleasance' }, { op: 'Add', path: 'nickName', value: 'Al' }))
      .then([
        {
          type: 'UserUpdated',
          data: {
            changes: [
              { attribute: 'name', value: { givenName: 'Alice', familyName: 'Pleasance', formatted: 'Alice Liddell' } },
              { attribute: 'nickName', value: 'Al' },
            ],
          },
        },
      ]);
  });

  it('records the Entra disable (value "False", docs/entra-compatibility.md §40) as UserDeactivated only', () => {
    given([userCreated()]).when(patch({ op: 'Replace', path: 'active', value: 'False' })).then([{ type: 'UserDeactivated', data: {} }]);
  });

  it('records the flagged pathless disable with other attributes as UserUpdated + UserDeactivated (docs/entra-compatibility.md §39)', () => {
    given([userCreated()])
      .when(patch({ op: 'replace', value: { active: false, 'name.givenName': 'Alicia' } }))
      .thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual(['UserUpdated', 'UserDeactivated']);
        expect(state.exists && state.resource['active']).toBe(false);
        expect(state.exists && state.resource['name']).toEqual({ givenName: 'Alicia', familyName: 'Liddell', formatted: 'Alice Liddell' });
      });
  });

  it('records the restore (active=true after a soft delete, docs/entra-compatibility.md §50) as UserReactivated', () => {
    given([userCreated(), { type: 'UserDeactivated', data: {} }])
      .when(patch({ op: 'replace', path: 'active', value: true }))
      .then([{ type: 'UserReactivated', data: {} }]);
  });

  it('decides nothing for a PATCH that changes nothing (idempotent re-send)', () => {
    given([userCreated()])
      .when(patch({ op: 'Replace', path: 'userName', value: 'Alice@contoso.com' }, { op: 'replace', path: 'active', value: true }))
      .then([]);
  });

  it('sets the manager from the Entra add (docs/entra-compatibility.md §45), changes it, and clears it', () => {
    given([userCreated()])
      .when(patch({ op: 'Add', path: 'manager', value: [{ $ref: `http://x/scim/Users/${MANAGER_ID}`, value: MANAGER_ID }] }))
      .thenState((state, events) => {
        expect(managerValue(events)?.value?.value).toBe(MANAGER_ID);
        expect(state.exists && (state.resource[ENTERPRISE_USER_SCHEMA] as { manager: { value: string } }).manager.value).toBe(MANAGER_ID);
      });
    const managed = alice({ [ENTERPRISE_USER_SCHEMA]: { manager: { value: MANAGER_ID } } });
    given([userCreated(managed)])
      .when(patch({ op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: OTHER_MANAGER_ID }))
      .thenState((_state, events) => expect(managerValue(events)?.value?.value).toBe(OTHER_MANAGER_ID));
    given([userCreated(managed)])
      .when(patch({ op: 'remove', path: 'manager' }))
      .thenState((state, events) => {
        expect(events).toEqual([{ type: 'UserUpdated', data: { changes: [{ attribute: MANAGER }] } }]);
        expect(state.exists && state.resource[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
      });
  });

  it('refuses a missing or deleted user with 404', () => {
    given([]).when(patch({ op: 'replace', path: 'title', value: 'x' })).then(notFound('x'));
    given([userCreated(), { type: 'UserDeleted', data: {} }]).when(patch({ op: 'replace', path: 'title', value: 'x' })).then(notFound('x'));
  });

  it('refuses removing userName and changing id', () => {
    given([userCreated()]).when(patch({ op: 'remove', path: 'userName' })).then(mutability('x'));
    given([userCreated()]).when(patch({ op: 'replace', path: 'id', value: 'other' })).then(mutability('x'));
  });

  it('refuses a blank userName', () => {
    given([userCreated()]).when(patch({ op: 'replace', path: 'userName', value: '' })).then(invalidValue('x'));
  });

  it('keeps the id when patching, so the state still names the same user', () => {
    given([userCreated()])
      .when(patch({ op: 'replace', path: 'title', value: 'Queen' }))
      .thenState((state) => expect(state.exists && state.resource.id).toBe(USER_ID));
  });
});
