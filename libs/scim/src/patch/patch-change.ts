import type { JsonValue } from '../resource';

/** A group member reference as stored (RFC 7643 §4.2). */
export interface MemberRef {
  value: string;
  type?: 'User' | 'Group';
  display?: string;
  $ref?: string;
}

/**
 * One precise change made by a PATCH, so that the domain can emit small events.
 * `attribute` is the canonical top-level attribute name (`name`, `emails`, `active`), or
 * `<extension URN>:<name>` for an extension attribute (`urn:…:enterprise:2.0:User:manager`).
 * Group membership never appears as `set`/`unset`: only as member deltas.
 */
export type PatchChange =
  | { kind: 'set'; attribute: string; value: JsonValue }
  | { kind: 'unset'; attribute: string }
  | { kind: 'membersAdded'; members: MemberRef[] }
  | { kind: 'membersRemoved'; values: string[] };
