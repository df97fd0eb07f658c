import type { EventStore, Position } from '../event-store.port';

const PAGE = 1000;

/**
 * Where a replay from `time` starts: the position of the last event recorded before `time` (the replay applies
 * everything after it), undefined when the log starts at or after `time`. Reads the log from the start.
 */
export async function positionBefore(store: EventStore, time: Date): Promise<Position | undefined> {
  const limit = time.getTime();
  let before: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(before ? { after: before } : {}), maxCount: PAGE });
    for (const event of page) {
      if (Date.parse(event.recordedAt) >= limit) return before;
      before = event.position;
    }
    if (page.length < PAGE) return before;
  }
}
