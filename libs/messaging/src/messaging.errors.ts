// Errors of the messaging port; adapters raise these instead of client-library errors.

/** A record on the bus is not a valid envelope of a version this code reads. */
export class BusEnvelopeInvalid extends Error {
  override readonly name = 'BusEnvelopeInvalid';
  constructor(detail: string) {
    super(`invalid bus envelope: ${detail}`);
  }
}

/** The broker could not be reached or refused the request (after the client's own retries). */
export class BusUnavailable extends Error {
  override readonly name = 'BusUnavailable';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`message bus unavailable: ${detail}`, options);
  }
}
