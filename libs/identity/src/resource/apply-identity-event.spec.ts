import { ENTERPRISE_USER_SCHEMA } from '@scim-hub/scim';
import type { IdentityEvent } from '../events/identity-event';
import { alice, admins, GROUP_ID, groupCreated, member, USER_ID, userCreated } from '../testing/fixtures/identity.fixtures';
import { applyIdentityEvent } from './apply-identity-event';

const fold = (events: IdentityEvent[]) => events.reduce(applyIdentityEvent, undefined as ReturnType<typeof applyIdentityEvent>);

describe('applyIdentityEvent', () => {
  it('builds a user document from UserCreated, then updates, deactivation and reactivation', () => {
    const doc = fold([
      userCreated(),
      { type: 'UserUpdated', data: { changes: [{ attribute: 'title', value: 'Queen' }, { attribute: 'externalId' }] } },
      { type: 'UserDeactivated', data: {} },
    ]);
    const { externalId: _e, ...rest } = alice();
    expect(doc).toEqual({ ...rest, id: USER_ID, title: 'Queen', active: false });
    expect(applyIdentityEvent(doc, { type: 'UserReactivated', data: {} })?.['active']).toBe(true);
  });

  it('changes one attribute inside an extension and drops an extension left empty', () => {
    const doc = fold([
      userCreated(alice({ [ENTERPRISE_USER_SCHEMA]: { department: 'D' } })),
      { type: 'UserUpdated', data: { changes: [{ attribute: `${ENTERPRISE_USER_SCHEMA}:costCenter`, value: 'C' }] } },
    ]);
    expect(doc?.[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'D', costCenter: 'C' });
    const cleared = applyIdentityEvent(doc, {
      type: 'UserUpdated',
      data: { changes: [{ attribute: `${ENTERPRISE_USER_SCHEMA}:costCenter` }, { attribute: `${ENTERPRISE_USER_SCHEMA}:department` }] },
    });
    expect(cleared).not.toHaveProperty([ENTERPRISE_USER_SCHEMA]);
  });

  it('keeps group members as a list: deltas add new ones at the end and remove by value', () => {
    const doc = fold([
      groupCreated([member('u1'), member('u2')]),
      { type: 'GroupMembersAdded', data: { members: [member('u2', 'dup'), member('u3')] } },
      { type: 'GroupMembersRemoved', data: { values: ['u1', 'nobody'] } },
    ]);
    expect(doc).toEqual({ ...admins([member('u2'), member('u3')]), id: GROUP_ID });
  });

  it('has no members attribute once the last member is gone (RFC 7643 §2.5)', () => {
    const doc = fold([groupCreated([member('u1')]), { type: 'GroupMembersRemoved', data: { values: ['u1'] } }]);
    expect(doc).toEqual({ ...admins(), id: GROUP_ID });
  });

  it('ends at undefined on a tombstone and ignores events for a missing resource', () => {
    expect(fold([userCreated(), { type: 'UserDeleted', data: {} }])).toBeUndefined();
    expect(fold([groupCreated(), { type: 'GroupDeleted', data: {} }])).toBeUndefined();
    expect(applyIdentityEvent(undefined, { type: 'UserDeactivated', data: {} })).toBeUndefined();
  });

  it('does not modify the document it is given', () => {
    const doc = fold([groupCreated([member('u1')])]);
    const snapshot = structuredClone(doc);
    applyIdentityEvent(doc, { type: 'GroupMembersAdded', data: { members: [member('u2')] } });
    applyIdentityEvent(doc, { type: 'GroupUpdated', data: { changes: [{ attribute: 'displayName', value: 'X' }] } });
    expect(doc).toEqual(snapshot);
  });
});
