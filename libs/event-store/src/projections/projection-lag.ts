import type { EventStore, Position } from '../event-store.port';

/** How far a projection trails the log. */
export interface ProjectionLag {
  lagEvents: number;
  lagEventsCapped: boolean;
  lagSeconds: number;
}

const CAUGHT_UP: ProjectionLag = { lagEvents: 0, lagEventsCapped: false, lagSeconds: 0 };

/**
 * The backlog after `checkpoint`: a bounded read of what follows gives its size (up to `probeLimit`) and the
 * age of its oldest event. `caughtUp` (a batch shorter than the page size just ended at the head) skips the read.
 */
export async function measureLag(store: EventStore, checkpoint: Position | undefined, probeLimit: number, caughtUp = false): Promise<ProjectionLag> {
  if (caughtUp) return CAUGHT_UP;
  const ahead = await store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), maxCount: probeLimit });
  if (ahead.length === 0) return CAUGHT_UP;
  const oldest = Date.parse(ahead[0].recordedAt);
  return {
    lagEvents: ahead.length,
    lagEventsCapped: ahead.length >= probeLimit,
    lagSeconds: Number.isNaN(oldest) ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
  };
}
