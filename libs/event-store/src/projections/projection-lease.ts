// Who may run a projection. With several hub processes on one PostgreSQL database exactly one of them runs
// each projection; the others stand by and take over when the holder's lease ends.

/** A lease this process holds on one projection. */
export interface HeldLease {
  /** Resolves when the lease is lost (connection to the lease server gone); the holder must stop at once. */
  readonly lost: Promise<void>;
  /** Gives the lease up; idempotent. */
  release(): Promise<void>;
}

/** Hands out one lease per projection name across every process sharing a store. */
export interface ProjectionLeases {
  /** Takes the lease on `name` if nobody holds it; undefined when another process does. Never waits. */
  tryAcquire(name: string): Promise<HeldLease | undefined>;
  /** Releases every lease this process holds and closes connections. */
  close(): Promise<void>;
}

/**
 * Leases for a store only one process uses (embedded SQLite: the files are opened exclusively, so a second
 * process cannot start at all). Each name is granted to one holder at a time within this process.
 */
export class LocalProjectionLeases implements ProjectionLeases {
  private readonly held = new Set<string>();

  async tryAcquire(name: string): Promise<HeldLease | undefined> {
    if (this.held.has(name)) return undefined;
    this.held.add(name);
    let released = false;
    return {
      lost: new Promise<void>(() => undefined),
      release: async () => {
        if (released) return;
        released = true;
        this.held.delete(name);
      },
    };
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}
