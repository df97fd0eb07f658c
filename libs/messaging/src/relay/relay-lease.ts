// The relay's lease: at most one relay publishes a store's log at a time; a standby takes over when it dies.

/** A lease held by one process at a time. */
export interface RelayLease {
  /** Resolves once this process holds the lease (waits while another holds it); rejects once released. */
  acquire(): Promise<void>;
  /** Registers what to do when a held lease is lost (its connection dropped): the relay must stop at once. */
  onLost(listener: (error: Error) => void): void;
  /** Gives the lease up (or stops waiting for it). Idempotent. */
  release(): Promise<void>;
}

/**
 * The lease for a store that only one process uses (the embedded hub on its SQLite file, relay included):
 * held as soon as asked, never lost.
 */
export function singleProcessLease(): RelayLease {
  return { acquire: async () => undefined, onLost: () => undefined, release: async () => undefined };
}
