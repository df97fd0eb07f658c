// Request bodies as Microsoft Entra ID sends them (docs/entra-compatibility.md, create and PATCH).

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** docs/entra-compatibility.md §27: POST /Users as Entra sends it, with explicit nulls and the malformed enterprise URN. */
export function entraUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
    externalId: userName.split('@')[0],
    userName,
    active: true,
    addresses: null,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Test User', familyName: 'User', givenName: 'Test' },
    roles: [],
    ...extra,
  };
}

/** docs/entra-compatibility.md §32: POST /Groups as Entra sends it. */
export function entraGroup(displayName: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
    externalId: `ext-${displayName}`,
    displayName,
    meta: { resourceType: 'Group' },
  };
}

export { ENTERPRISE };
