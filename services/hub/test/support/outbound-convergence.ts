// Desired state versus a target's state, both read over SCIM and reduced to what a target must agree on:
// users by userName (active, displayName, externalId) and groups by displayName with their members' userNames.
// Members are resolved through the SAME server's user ids, so a group member on a target that carries the
// hub's id instead of the target's id shows up as `?<id>` and fails the comparison.
import { until } from '@scim-hub/testing';

/** GET a SCIM path of one server (hub or target), answering status and parsed body. */
export type ScimGet = (path: string) => Promise<{ status: number; body: any }>;

/** A user as compared. */
export interface UserFacts {
  active: boolean;
  displayName?: string;
  externalId?: string;
}

/** What the comparison looks at. */
export interface Snapshot {
  users: Record<string, UserFacts>;
  groups: Record<string, string[]>;
}

const PAGE = 500;

/** Every resource of a type, page by page (RFC 7644 §3.4.2.4). */
export async function readAll(get: ScimGet, type: 'Users' | 'Groups'): Promise<any[]> {
  const all: any[] = [];
  for (let start = 1; ; start += PAGE) {
    const res = await get(`/${type}?startIndex=${start}&count=${PAGE}`);
    if (res.status !== 200) throw new Error(`GET /${type}: ${res.status}`);
    const page = res.body.Resources ?? [];
    all.push(...page);
    if (page.length < PAGE || all.length >= res.body.totalResults) return all;
  }
}

/** The snapshot of one server. */
export async function snapshotOf(get: ScimGet): Promise<Snapshot> {
  const users = await readAll(get, 'Users');
  const userNameOf = new Map(users.map((u) => [u.id as string, String(u.userName).toLowerCase()]));
  const groups = await readAll(get, 'Groups');
  return {
    users: Object.fromEntries(
      users.map((u) => [String(u.userName).toLowerCase(), { active: u.active !== false, displayName: u.displayName ?? undefined, externalId: u.externalId ?? undefined }]),
    ),
    groups: Object.fromEntries(
      groups.map((g) => [g.displayName, (g.members ?? []).map((m: { value: string }) => userNameOf.get(m.value) ?? `?${m.value}`).sort()]),
    ),
  };
}

/** How a target is expected to differ from the hub: users deleted in the hub are disabled there, or gone. */
export interface TargetPolicy {
  onDeprovision: 'disable' | 'delete';
  /** userNames deleted in the hub (lowercase). */
  deleted: ReadonlySet<string>;
  /** Only users for which this holds are expected on the target (scoping); default all. */
  inScope?: (userName: string, facts: UserFacts) => boolean;
  /** Users that left the scope (lowercase), expected disabled (or gone). */
  leftScope?: ReadonlySet<string>;
}

/** The snapshot the target should converge to, from the hub's snapshot and the target's policy. */
export function expectedFor(hub: Snapshot, policy: TargetPolicy, target: Snapshot): Snapshot {
  const users: Record<string, UserFacts> = {};
  for (const [userName, facts] of Object.entries(hub.users)) {
    if (!policy.inScope || policy.inScope(userName, facts)) users[userName] = facts;
    else if (policy.leftScope?.has(userName) && policy.onDeprovision === 'disable') users[userName] = { ...facts, active: false };
  }
  if (policy.onDeprovision === 'disable') {
    for (const userName of policy.deleted) if (target.users[userName]) users[userName] = { ...target.users[userName], active: false };
  }
  const groups: Record<string, string[]> = {};
  for (const [name, members] of Object.entries(hub.groups)) groups[name] = members.filter((m) => users[m] !== undefined);
  return { users, groups };
}

// Disabled leftovers of deleted users may keep their memberships on a target: they are not compared.
function comparable(target: Snapshot, policy: TargetPolicy): Snapshot {
  const ignored = new Set([...policy.deleted, ...(policy.leftScope ?? [])]);
  const groups = Object.fromEntries(Object.entries(target.groups).map(([name, members]) => [name, members.filter((m) => !ignored.has(m))]));
  return { users: target.users, groups };
}

/** Waits until the target's snapshot equals what the hub's asks for; on timeout, says how they differ. */
export async function waitForConvergence(hub: ScimGet, target: ScimGet, policy: TargetPolicy, what: string, timeoutMs = 120_000): Promise<void> {
  let last = '';
  try {
    await until(
      async () => {
        const [h, t] = await Promise.all([snapshotOf(hub), snapshotOf(target)]);
        const expected = expectedFor(h, policy, t);
        const actual = comparable(t, policy);
        const expectedGroups = Object.fromEntries(Object.entries(expected.groups).map(([n, m]) => [n, m.filter((x) => !policy.deleted.has(x))]));
        last = difference({ users: expected.users, groups: expectedGroups }, actual);
        return last === '';
      },
      what,
      timeoutMs,
      250,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${last}`);
  }
}

function difference(expected: Snapshot, actual: Snapshot): string {
  const lines: string[] = [];
  for (const kind of ['users', 'groups'] as const) {
    const keys = new Set([...Object.keys(expected[kind]), ...Object.keys(actual[kind])]);
    for (const key of keys) {
      const e = JSON.stringify(expected[kind][key]);
      const a = JSON.stringify(actual[kind][key]);
      if (e !== a) lines.push(`${kind} ${key}: expected ${e}, target has ${a}`);
    }
  }
  return lines.length > 10 ? `${lines.slice(0, 10).join('\n')}\n… ${lines.length - 10} more` : lines.join('\n');
}
