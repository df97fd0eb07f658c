import { IDENTITY_EVENT_VERSION, type IdentityEvent, type IdentityEventType } from '../events/identity-event';
import { RESERVATION_EVENT_VERSION, type ReservationEvent } from '../uniqueness/reservation.events';
import { createUpcaster, upcasterRegistry, type EventRecord } from './upcaster';

/**
 * Upgrade steps for identity events written with an older schema version. Empty while every type is at
 * v1; when a payload changes, bump IDENTITY_EVENT_VERSION and add `[type, oldVersion, step]` here.
 */
export const IDENTITY_UPCASTERS = upcasterRegistry([]);

/** Reads a stored identity event of any known version as the current IdentityEvent. */
export const upcast: (record: EventRecord) => IdentityEvent = createUpcaster<IdentityEvent>(
  IDENTITY_EVENT_VERSION,
  IDENTITY_UPCASTERS,
);

/** Reads a stored reservation event of any known version as the current ReservationEvent. */
export const upcastReservationEvent: (record: EventRecord) => ReservationEvent = createUpcaster<ReservationEvent>(
  RESERVATION_EVENT_VERSION,
  upcasterRegistry([]),
);

/** True when `type` names an identity event (the global log also holds reservation and other events). */
export function isIdentityEventType(type: string): type is IdentityEventType {
  return Object.prototype.hasOwnProperty.call(IDENTITY_EVENT_VERSION, type);
}
