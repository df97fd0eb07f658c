import { ENTERPRISE_USER_SCHEMA } from '@scim-hub/scim';
import { resourceRows } from './resource-rows';

const meta = { created: '2024-01-02T03:04:05+01:00', lastModified: '2024-01-02T02:04:05.5Z', version: 3 };

describe('resourceRows', () => {
  it('maps a User to its resource row and email rows', () => {
    const rows = resourceRows('acme', 'User', {
      schemas: [],
      id: 'u1',
      userName: 'ÅSA@Example.com',
      externalId: 'Ext-1',
      displayName: 'Åsa Ö',
      active: false,
      emails: [{ value: 'A@B.se', type: 'Work', primary: true }, { value: 'c@d' }],
      groups: [{ value: 'g1' }],
      meta: { resourceType: 'User' },
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'M-1' } },
    }, meta);
    expect(rows.resource).toEqual({
      tenant: 'acme',
      resource_type: 'User',
      id: 'u1',
      user_name_ci: 'åsa@example.com',
      external_id: 'Ext-1',
      display_name_ci: 'åsa ö',
      manager_id: 'M-1',
      active: false,
      created: '2024-01-02T02:04:05.000Z',
      last_modified: '2024-01-02T02:04:05.500Z',
      version: 3,
      doc: expect.any(String),
    });
    const doc = JSON.parse(rows.resource.doc);
    expect(Object.keys(doc)).not.toEqual(expect.arrayContaining(['meta']));
    expect(doc.groups).toBeUndefined();
    expect(doc.userName).toBe('ÅSA@Example.com');
    expect(rows.emails).toEqual([
      { tenant: 'acme', resource_type: 'User', id: 'u1', ord: 0, value_ci: 'a@b.se', type_ci: 'work', is_primary: true, display: null },
      { tenant: 'acme', resource_type: 'User', id: 'u1', ord: 1, value_ci: 'c@d', type_ci: null, is_primary: null, display: null },
    ]);
    expect(rows.members).toEqual([]);
  });

  it('maps a Group: members to rows (deduplicated), not into doc', () => {
    const rows = resourceRows('acme', 'Group', {
      id: 'g1',
      displayName: 'Admins',
      members: [{ value: 'u1', type: 'User', display: 'A' }, { value: 'u1' }, { value: 'g2', type: 'Group' }, { display: 'no value' }],
    }, meta);
    expect(JSON.parse(rows.resource.doc)).toEqual({ id: 'g1', displayName: 'Admins' });
    expect(rows.resource).toMatchObject({ user_name_ci: null, active: null, manager_id: null, display_name_ci: 'admins' });
    expect(rows.members).toEqual([
      { tenant: 'acme', group_id: 'g1', member_id: 'u1', member_type: 'User', display: 'A' },
      { tenant: 'acme', group_id: 'g1', member_id: 'g2', member_type: 'Group', display: null },
    ]);
  });

  it('refuses a resource without id', () => {
    expect(() => resourceRows('acme', 'User', { userName: 'x' }, meta)).toThrow(/no id/);
  });
});
