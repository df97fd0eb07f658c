import type { MemberRef, PatchOperation } from '@scim-hub/scim';
import { memberKey, type MemberMap } from './member-map';

// Entra's member PATCHes (docs/entra-compatibility.md §43–44) name the members they touch: `add`/`remove` on `members` with a
// value list, or `remove` on `members[value eq "<id>"]`. For those the protocol lib needs only the named
// members, not all 50,000; anything else (pathless, replace, remove-all, other filters) gets the full list.
// A conservative pre-filter: when in doubt it answers "all", which is always correct.
const CORE_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:group:';
const VALUE_EQ = /^members\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]$/i;

function stripCorePrefix(path: string): string {
  return path.toLowerCase().startsWith(CORE_PREFIX) ? path.slice(CORE_PREFIX.length) : path;
}

function namedValues(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const values = value.map((v) => (v !== null && typeof v === 'object' && typeof v.value === 'string' ? (v.value as string) : undefined));
  return values.every((v): v is string => v !== undefined) ? values : undefined;
}

function filterValue(path: string): string | undefined {
  const quoted = VALUE_EQ.exec(path)?.[1];
  if (quoted === undefined) return undefined;
  const parsed: unknown = JSON.parse(quoted);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The member values one operation can touch: none (`[]`), these, or possibly every member (`undefined`). */
function touchedBy(operation: PatchOperation): string[] | undefined {
  const raw = operation.path?.trim();
  // Pathless: the value object may hold members. A schema URN path may remove or set every attribute.
  if (!raw) return undefined;
  const path = stripCorePrefix(raw);
  if (path.toLowerCase().startsWith('urn:')) return undefined;
  if (!/^members(?=$|[[.])/i.test(path)) return [];
  const op = operation.op.toLowerCase();
  if (/^members$/i.test(path) && (op === 'add' || op === 'remove')) return namedValues(operation.value);
  const value = op === 'remove' ? filterValue(path) : undefined;
  return value === undefined ? undefined : [value];
}

/**
 * The current members a PATCH needs to see: only those its operations name when every operation names
 * its members (or does not touch members), else all of them. Materialising all is O(members).
 */
export function membersForPatch(members: MemberMap, operations: readonly PatchOperation[]): MemberRef[] {
  const keys = new Set<string>();
  for (const operation of operations) {
    const values = touchedBy(operation);
    if (values === undefined) return [...members.values()];
    for (const value of values) keys.add(memberKey(value));
  }
  const named: MemberRef[] = [];
  for (const key of keys) {
    const member = members.get(key);
    if (member) named.push(member);
  }
  return named;
}
