// The planner as pure decisions: given the source resource now and what the target holds, which calls.
import type { ScimResource } from '@scim-hub/scim';
import type { DeliveredResource } from '../state/delivery-state.port';
import { targetDefinition } from '../testing/in-memory-target-source';
import type { TargetDefinition } from '../target.definition';
import { planDelivery, type PlanInput } from './plan-delivery';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const target = targetDefinition({ id: 't', baseUrl: 'http://target' });
const alice: ScimResource = { schemas: [USER_SCHEMA], id: 'u-1', userName: 'alice', externalId: 'e-1', active: true, name: { givenName: 'Alice' } };
const aliceBody = { schemas: [USER_SCHEMA], userName: 'alice', externalId: 'e-1', active: true, name: { givenName: 'Alice' } };
const delivered: DeliveredResource = { resourceType: 'Users', sourceId: 'u-1', targetId: 't-1', body: aliceBody };

function user(overrides: Partial<PlanInput> = {}): PlanInput {
  return { target, resourceType: 'Users', sourceId: 'u-1', desired: alice, inScope: true, record: undefined, referenceTargetIds: new Map(), patchSupported: true, ...overrides };
}

function group(members: string[], overrides: Partial<PlanInput> = {}): PlanInput {
  const desired: ScimResource = { id: 'g-1', displayName: 'Team', members: members.map((value) => ({ value })) };
  return { ...user(), resourceType: 'Groups', sourceId: 'g-1', desired, ...overrides };
}

describe('planDelivery: users', () => {
  it('creates a new user after matching by userName, then externalId; the body drops id, meta and groups', () => {
    const withServerKeys = { ...alice, meta: { resourceType: 'User' }, groups: [{ value: 'g' }] } as ScimResource;
    const plan = planDelivery(user({ desired: withServerKeys }));
    expect(plan.steps).toEqual([
      { kind: 'Create', resourceType: 'Users', body: aliceBody, match: [{ attribute: 'userName', value: 'alice' }, { attribute: 'externalId', value: 'e-1' }] },
    ]);
    expect(plan.next).toMatchObject({ body: aliceBody, deprovisioned: false });
  });

  it('plans nothing when the target already has this state (idempotent)', () => {
    expect(planDelivery(user({ record: delivered })).steps).toEqual([{ kind: 'Skip', reason: 'target is up to date' }]);
  });

  it('patches only what changed, one operation per attribute', () => {
    const renamed = { ...alice, userName: 'alice2', name: { givenName: 'Al' }, externalId: undefined } as unknown as ScimResource;
    delete (renamed as Record<string, unknown>)['externalId'];
    expect(planDelivery(user({ desired: renamed, record: delivered })).steps).toEqual([
      {
        kind: 'Patch',
        resourceType: 'Users',
        targetId: 't-1',
        operations: [
          { op: 'replace', path: 'userName', value: 'alice2' },
          { op: 'remove', path: 'externalId' },
          { op: 'replace', path: 'name', value: { givenName: 'Al' } },
        ],
      },
    ]);
  });

  it('patches extension attributes by their full path', () => {
    const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const before = { ...delivered, body: { ...aliceBody, [ext]: { department: 'A', costCenter: '1' } } };
    const desired = { ...alice, [ext]: { department: 'B', costCenter: '1' } } as ScimResource;
    const [step] = planDelivery(user({ desired, record: before })).steps;
    expect(step).toMatchObject({ kind: 'Patch', operations: [{ op: 'replace', path: `${ext}:department`, value: 'B' }] });
  });

  it('replaces the whole resource when the target does not support PATCH', () => {
    const desired = { ...alice, displayName: 'A' };
    expect(planDelivery(user({ desired, record: delivered, patchSupported: false })).steps).toEqual([
      { kind: 'Replace', resourceType: 'Users', targetId: 't-1', body: { ...aliceBody, displayName: 'A' } },
    ]);
  });

  it('disables a user that left the scope (PATCH active=false), once', () => {
    const plan = planDelivery(user({ inScope: false, record: delivered }));
    expect(plan.steps).toEqual([{ kind: 'Patch', resourceType: 'Users', targetId: 't-1', operations: [{ op: 'replace', path: 'active', value: false }] }]);
    expect(planDelivery(user({ inScope: false, record: plan.next })).steps[0]).toMatchObject({ kind: 'Skip' });
  });

  it('deletes a deleted user when the target deprovisions by delete, and forgets its target id', () => {
    const deleting: TargetDefinition = { ...target, onDeprovision: 'delete' };
    const plan = planDelivery(user({ target: deleting, desired: undefined, record: delivered }));
    expect(plan.steps).toEqual([{ kind: 'Delete', resourceType: 'Users', targetId: 't-1' }]);
    expect(plan.next).toMatchObject({ targetId: undefined, deprovisioned: true });
  });

  it('deletes an erased user even where the target deprovisions by disabling, and forgets the body it sent', () => {
    expect(target.onDeprovision).toBe('disable');
    const plan = planDelivery(user({ desired: undefined, record: delivered, erased: true }));
    expect(plan.steps).toEqual([{ kind: 'Delete', resourceType: 'Users', targetId: 't-1' }]);
    expect(plan.next).toMatchObject({ targetId: undefined, body: undefined, deprovisioned: true });
  });

  it('skips a user that is out of scope and was never sent', () => {
    expect(planDelivery(user({ inScope: false })).steps[0]).toMatchObject({ kind: 'Skip' });
    expect(planDelivery(user({ desired: undefined })).steps[0]).toMatchObject({ kind: 'Skip' });
  });

  it('re-enables a disabled user that comes back into scope', () => {
    const disabled = { ...delivered, body: { ...aliceBody, active: false }, deprovisioned: true };
    expect(planDelivery(user({ record: disabled })).steps).toEqual([
      { kind: 'Patch', resourceType: 'Users', targetId: 't-1', operations: [{ op: 'replace', path: 'active', value: true }] },
    ]);
  });

  it('applies attribute mappings: source paths, constants, transforms; nulls are not sent', () => {
    const mapped: TargetDefinition = {
      ...target,
      mappings: [
        { target: 'userName', source: 'userName', transform: 'uppercase' },
        { target: 'name.familyName', source: 'name.givenName' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', constant: 'R&D' },
        { target: 'title', source: 'title' },
      ],
    };
    const [step] = planDelivery(user({ target: mapped })).steps;
    expect(step).toMatchObject({
      kind: 'Create',
      body: {
        schemas: [USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        userName: 'ALICE',
        name: { familyName: 'Alice' },
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      },
      match: [{ attribute: 'userName', value: 'ALICE' }],
    });
  });
});

describe('planDelivery: references', () => {
  const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  const managed = { ...alice, [ext]: { department: 'R&D', manager: { value: 'u-boss', $ref: '../Users/u-boss', displayName: 'Boss' } } } as ScimResource;

  it('sends the manager as the target id of the manager', () => {
    const [create, defer] = planDelivery(user({ desired: managed, referenceTargetIds: new Map([['u-boss', 't-boss']]) })).steps;
    expect(create).toMatchObject({ kind: 'Create', body: { [ext]: { department: 'R&D', manager: { value: 't-boss' } } } });
    expect(defer).toEqual({ kind: 'Defer', memberIds: [] });
  });

  it('leaves out a manager the target does not hold yet and waits for it', () => {
    const plan = planDelivery(user({ desired: managed }));
    expect(plan.steps).toEqual([
      { kind: 'Create', resourceType: 'Users', body: { ...aliceBody, [ext]: { department: 'R&D' } }, match: expect.any(Array) },
      { kind: 'Defer', memberIds: ['u-boss'] },
    ]);
    const later = planDelivery(user({ desired: managed, record: { ...plan.next, targetId: 't-1' }, referenceTargetIds: new Map([['u-boss', 't-boss']]) }));
    expect(later.steps[0]).toEqual({ kind: 'Patch', resourceType: 'Users', targetId: 't-1', operations: [{ op: 'replace', path: `${ext}:manager`, value: { value: 't-boss' } }] });
  });
});

describe('planDelivery: groups', () => {
  it('creates a group with the target ids of provisioned members and defers the others', () => {
    const plan = planDelivery(group(['u-1', 'u-2'], { referenceTargetIds: new Map([['u-1', 't-1']]) }));
    expect(plan.steps).toEqual([
      { kind: 'Create', resourceType: 'Groups', body: { displayName: 'Team', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], members: [{ value: 't-1' }] }, match: [{ attribute: 'displayName', value: 'Team' }] },
      { kind: 'Defer', memberIds: ['u-2'] },
    ]);
    expect(plan.next.members).toEqual(['t-1']);
  });

  it('adds and removes members by target id with PATCH', () => {
    const record: DeliveredResource = { resourceType: 'Groups', sourceId: 'g-1', targetId: 'tg', body: { displayName: 'Team', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] }, members: ['t-1', 't-9'] };
    const ids = new Map([['u-1', 't-1'], ['u-2', 't-2']]);
    expect(planDelivery(group(['u-1', 'u-2'], { record, referenceTargetIds: ids })).steps).toEqual([
      {
        kind: 'Patch',
        resourceType: 'Groups',
        targetId: 'tg',
        operations: [
          { op: 'add', path: 'members', value: [{ value: 't-2' }] },
          { op: 'remove', path: 'members[value eq "t-9"]' },
        ],
      },
      { kind: 'Defer', memberIds: [] },
    ]);
  });

  it('sends the full member list with PUT when the target has no PATCH, and nothing when nothing changed', () => {
    const record: DeliveredResource = { resourceType: 'Groups', sourceId: 'g-1', targetId: 'tg', body: { displayName: 'Team', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] }, members: ['t-1'] };
    const ids = new Map([['u-1', 't-1'], ['u-2', 't-2']]);
    expect(planDelivery(group(['u-1', 'u-2'], { record, referenceTargetIds: ids, patchSupported: false })).steps[0]).toEqual({
      kind: 'Replace',
      resourceType: 'Groups',
      targetId: 'tg',
      body: { displayName: 'Team', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], members: [{ value: 't-1' }, { value: 't-2' }] },
    });
    expect(planDelivery(group(['u-1'], { record, referenceTargetIds: ids })).steps[0]).toMatchObject({ kind: 'Skip' });
  });

  it('deletes a deleted group from the target', () => {
    const record: DeliveredResource = { resourceType: 'Groups', sourceId: 'g-1', targetId: 'tg' };
    expect(planDelivery(group([], { desired: undefined, record })).steps).toEqual([{ kind: 'Delete', resourceType: 'Groups', targetId: 'tg' }]);
  });
});
