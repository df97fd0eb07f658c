/** The read model's database could not be reached or failed in a way the caller cannot fix; retry later (HTTP 503). */
export class ReadModelUnavailable extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ReadModelUnavailable';
  }
}

/** A page key that this read model did not hand out (a forged or outdated cursor); the caller answers 400. */
export class InvalidPageKey extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPageKey';
  }
}
