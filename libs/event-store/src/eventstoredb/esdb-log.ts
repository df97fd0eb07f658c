import type { Position, RecordedEvent } from '../event-store.port';
import { matchesPrefixes } from '../internal/read-rules';
import { comparePositions } from '../position';
import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  BACKWARDS,
  END,
  type EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  streamNameFilter,
} from './esdb-client';
import { fromClientEvent, fromClientPosition, isOwnEvent, toClientPosition } from './esdb-mapping';
import type { LiveFeed } from './esdb-subscription';

/** Server checkpoint every `interval × 32` filtered events (the client's search window). */
const CHECKPOINT_INTERVAL = 1;

/** `$all` access: pages of the log, its head, and filtered catch-up feeds. */
export class EsdbLog {
  constructor(private readonly client: EventStoreDBClient) {}

  /** Our events after `after` (exclusive), filtered client-side: the client's readAll has no server filter. */
  async read(after: Position | undefined, limit: number, prefixes: string[] | undefined): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: after ? toClientPosition(after) : START });
    for await (const resolved of read) {
      const event = ownEvent(resolved, after, prefixes);
      if (event) events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  /** Position of the last record in `$all` (any stream), or undefined for an empty log. */
  async head(): Promise<Position | undefined> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      const position = resolved.event?.position;
      if (position) return fromClientPosition(position);
    }
    return undefined;
  }

  /** True while `to` is beyond the head or an event under `prefixes` lies in (`from`, `to`]. */
  async pendingUpTo(from: Position | undefined, to: Position, prefixes: string[] | undefined): Promise<boolean> {
    const head = await this.head();
    if (!head || comparePositions(head, to) < 0) return true;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: from ? toClientPosition(from) : START });
    for await (const resolved of read) {
      const position = resolved.event?.position;
      if (position && comparePositions(fromClientPosition(position), to) > 0) return false;
      if (ownEvent(resolved, from, prefixes)) return true;
    }
    return false;
  }

  /** A catch-up subscription on `$all` after `from`, filtered by stream prefix on the server. */
  subscribe(from: Position | undefined, prefixes: string[] | undefined, onCheckpoint: (p: Position) => void): LiveFeed {
    const checkpointReached = (_: AllStreamSubscription, position: { commit: bigint; prepare: bigint }) =>
      onCheckpoint(fromClientPosition(position));
    const filter =
      prefixes && prefixes.length > 0
        ? streamNameFilter({ prefixes, checkpointInterval: CHECKPOINT_INTERVAL, checkpointReached })
        : excludeSystemEvents({ checkpointInterval: CHECKPOINT_INTERVAL, checkpointReached });
    const subscription = this.client.subscribeToAll({ fromPosition: from ? toClientPosition(from) : START, filter });
    return {
      onEvent: (listener) =>
        void subscription.on('data', (resolved: AllStreamResolvedEvent) => {
          const event = ownEvent(resolved, from, prefixes);
          if (event) listener(event);
        }),
      onError: (listener) => void subscription.on('error', listener),
      pause: () => void subscription.pause(),
      resume: () => void subscription.resume(),
      close: () => subscription.unsubscribe(),
    };
  }
}

/** The port's event for a resolved `$all` record if it is ours, after `after` and under one of `prefixes`. */
function ownEvent(
  resolved: AllStreamResolvedEvent,
  after: Position | undefined,
  prefixes: string[] | undefined,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!isOwnEvent(event) || !matchesPrefixes(event.streamId, prefixes)) return undefined;
  const recorded = fromClientEvent(event);
  return after && comparePositions(recorded.position, after) <= 0 ? undefined : recorded;
}
