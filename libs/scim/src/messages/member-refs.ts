// Group members as RFC 7643 §4.2 describes them on the wire: `value`, `$ref` (the member's URI) and `type`.
import type { MemberRef } from '../patch';
import type { JsonValue } from '../resource';
import { resourceLocation } from './resource-meta';

/**
 * Members with `$ref` under `scimBaseUrl` (e.g. `https://hub.example.com/scim/v2`) and `type`. A member stored
 * without a type (recorded before the hub checked members) has no `$ref` either: its URI is unknown.
 */
export function presentMemberRefs(members: JsonValue[], scimBaseUrl: string): MemberRef[] {
  return members.map((raw) => {
    const { value, type, display } = raw as unknown as MemberRef;
    const member: MemberRef = { value };
    if (type === 'User' || type === 'Group') {
      member.$ref = resourceLocation(scimBaseUrl, `/${type}s`, value);
      member.type = type;
    }
    if (display !== undefined) member.display = display;
    return member;
  });
}
