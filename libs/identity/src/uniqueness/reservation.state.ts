import { assertNever } from '../util/assert-never';
import type { ReservationEvent } from './reservation.events';

/** Who holds a unique value now; `owner` undefined = free. */
export interface ReservationState {
  owner: string | undefined;
}

/** The state of a reservation stream with no events: free. */
export function initialReservationState(): ReservationState {
  return { owner: undefined };
}

/** Applies one reservation event; a release by someone who is not the owner changes nothing. */
export function evolveReservation(state: ReservationState, event: ReservationEvent): ReservationState {
  switch (event.type) {
    case 'UniqueValueClaimed':
      return { owner: event.data.owner };
    case 'UniqueValueReleased':
      return state.owner === event.data.owner ? { owner: undefined } : state;
    default:
      return assertNever(event);
  }
}
