/** Facts of a reservation stream: a resource (`owner` = its id) claimed or released the unique value. */
export type ReservationEvent =
  | { type: 'UniqueValueClaimed'; data: { owner: string } }
  | { type: 'UniqueValueReleased'; data: { owner: string } };

/** The type names of reservation events. */
export type ReservationEventType = ReservationEvent['type'];

/** Current schema version of every reservation event type. */
export const RESERVATION_EVENT_VERSION: Record<ReservationEventType, number> = {
  UniqueValueClaimed: 1,
  UniqueValueReleased: 1,
};
