// Row ↔ record helpers shared by the SQL adapters: records are stored as JSON documents beside the columns
// that are looked up (target id of a resource, members waited for).
import { positionFromString, positionToString, type Position } from '@scim-hub/event-store';
import type { ParkedChange } from './delivery-state.port';

/** A parked change as stored: the position as text (bigint does not survive JSON). */
export type StoredParkedChange = Omit<ParkedChange, 'position'> & { position: string };

/** A parked change ready for a JSON column. */
export function parkedToJson(change: ParkedChange): string {
  return JSON.stringify({ ...change, position: positionToString(change.position) } satisfies StoredParkedChange);
}

/** A parked change read back from its JSON column (text or already-parsed jsonb). */
export function parkedFromJson(value: string | StoredParkedChange): ParkedChange {
  const stored = typeof value === 'string' ? (JSON.parse(value) as StoredParkedChange) : value;
  return { ...stored, position: positionFromString(stored.position) };
}

/** A position ready for a text column. */
export const positionText = (position: Position): string => positionToString(position);

/** Sorts parked changes oldest first (log order). */
export function byPosition(a: ParkedChange, b: ParkedChange): number {
  return a.position.commit === b.position.commit ? Number(a.position.prepare - b.position.prepare) : Number(a.position.commit - b.position.commit);
}
