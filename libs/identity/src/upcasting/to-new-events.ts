import { IDENTITY_EVENT_VERSION, type IdentityEvent } from '../events/identity-event';
import { RESERVATION_EVENT_VERSION, type ReservationEvent } from '../uniqueness/reservation.events';

/** A domain event ready to append: the store's NewEvent without `id`, which the application layer assigns. */
export interface EventToAppend<M = undefined> {
  type: string;
  schemaVersion: number;
  data: { [key: string]: unknown };
  metadata: M;
}

const VERSIONS: Readonly<Record<string, number>> = { ...IDENTITY_EVENT_VERSION, ...RESERVATION_EVENT_VERSION };

/** Stamps each event with its current schema version and the given metadata (tenant, request id, actor …). */
export function toNewEvents<M = undefined>(
  events: readonly (IdentityEvent | ReservationEvent)[],
  metadata?: M,
): EventToAppend<M>[] {
  return events.map((event) => ({
    type: event.type,
    schemaVersion: VERSIONS[event.type] as number,
    data: event.data,
    metadata: metadata as M,
  }));
}
