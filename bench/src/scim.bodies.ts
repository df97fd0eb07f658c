// The request bodies every system receives, shaped like Entra ID's (docs/entra-compatibility.md §27, §37, §43).
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** SCIM base path of every system. */
export const BASE = '/scim/v2';

/** userName of the i-th preloaded user. */
export function preloadedUserName(i: number): string {
  return `bench.user.${i}@contoso.example`;
}

/** A user creation body as Entra sends it (core + enterprise extension, work email, externalId). */
export function userBody(userName: string, n: number): string {
  const [local] = userName.split('@');
  return JSON.stringify({
    schemas: [CORE_USER, ENTERPRISE],
    externalId: `ext-${local}`,
    userName,
    active: true,
    displayName: `Bench User ${n}`,
    name: { givenName: 'Bench', familyName: `User ${n}` },
    emails: [{ primary: true, type: 'work', value: userName }],
    [ENTERPRISE]: { department: `Dept ${n % 50}`, employeeNumber: String(n) },
  });
}

/** `GET /Users?filter=userName eq "<name>"` — how Entra matches a user (docs/entra-compatibility.md §15). */
export function filterPath(userName: string): string {
  return `${BASE}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;
}

/** A PATCH replacing two attributes; Entra: op arrives capitalised (docs/entra-compatibility.md §37). */
export function replaceBody(n: number): string {
  return JSON.stringify({
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Replace', path: 'displayName', value: `Bench Renamed ${n}` },
      { op: 'Replace', path: 'title', value: `Title ${n % 20}` },
    ],
  });
}

/** A group creation body; Entra creates groups empty and adds members by PATCH (docs/entra-compatibility.md §32). */
export function groupBody(displayName: string): string {
  return JSON.stringify({ schemas: [CORE_GROUP], externalId: `ext-${displayName}`, displayName });
}

/** A PATCH adding members, in Entra's default form (docs/entra-compatibility.md §43). */
export function addMembersBody(userIds: string[]): string {
  return JSON.stringify({
    schemas: [PATCH_OP],
    Operations: [{ op: 'Add', path: 'members', value: userIds.map((value) => ({ $ref: null, value })) }],
  });
}
