// Appends events to several streams, one event per stream in turn, so that streams interleave in the log.
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@scim-hub/event-store';

/** Appends `perStream` events to each stream, round-robin; resolves with them as recorded, in log order. */
export async function appendInterleaved(store: EventStore, streams: readonly string[], perStream: number): Promise<RecordedEvent[]> {
  const ids = new Set<string>();
  let head = (await store.readAll({})).at(-1)?.position;
  for (let n = 0; n < perStream; n++) {
    for (const streamId of streams) {
      const id = randomUUID();
      ids.add(id);
      const metadata = { tenant: 'contract', time: new Date().toISOString() };
      await store.appendToStream(streamId, 'any', [{ id, type: 'Tested', schemaVersion: 1, data: { n }, metadata }]);
    }
  }
  const recorded: RecordedEvent[] = [];
  while (recorded.length < ids.size) {
    const page = await store.readAll({ after: head, maxCount: 1000 });
    if (page.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    head = page.at(-1)!.position;
    recorded.push(...page.filter((e) => ids.has(e.id)));
  }
  return recorded;
}
