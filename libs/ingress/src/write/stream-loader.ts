import type { EventStore } from '@scim-hub/event-store';
import { upcast, type IdentityEvent } from '@scim-hub/identity';
import { LruCache } from './lru-cache';
import type { StreamDecider, StreamState } from './identity-streams';

/** A stream's folded state and the revision it reflects (-1: no stream). */
export interface LoadedStream {
  state: StreamState;
  revision: number;
  /** The reservation streams the resource is known to hold at this revision (see planReservations). */
  held?: ReadonlySet<string>;
}

/**
 * Loads resource-stream states, keeping recent ones in memory. A cached state is brought up to date by
 * reading only the events after its revision, so another process's writes are never missed.
 */
export class StreamLoader {
  private readonly cache: LruCache<string, LoadedStream>;

  constructor(private readonly store: EventStore, capacity = 10_000) {
    this.cache = new LruCache(capacity);
  }

  async load(streamId: string, decider: StreamDecider): Promise<LoadedStream> {
    const cached = this.cache.get(streamId);
    let { state, revision } = cached ?? { state: decider.initialState(), revision: -1 };
    const events = await this.store.readStream(streamId, revision >= 0 ? { fromRevision: revision + 1 } : {});
    for (const recorded of events) {
      state = decider.evolve(state, upcast(recorded));
      revision = recorded.revision;
    }
    if (cached && events.length === 0) return cached;
    // Not cached, or written from elsewhere since: what it holds is read again on its next write.
    const loaded = { state, revision };
    this.cache.set(streamId, loaded);
    return loaded;
  }

  /** The state kept in memory, without reading the store: it may miss another process's appends since. */
  cached(streamId: string): LoadedStream | undefined {
    return this.cache.get(streamId);
  }

  /**
   * Records the state after a successful append, evolved here with the appended events, and the reservation
   * streams the resource holds now; returns the state.
   */
  remember(
    streamId: string,
    state: StreamState,
    revision: number,
    decider: StreamDecider,
    events: IdentityEvent[],
    held: ReadonlySet<string> | undefined,
  ): StreamState {
    let next = state;
    for (const event of events) next = decider.evolve(next, event);
    const cached: LoadedStream = { state: next, revision };
    if (held) cached.held = held;
    this.cache.set(streamId, cached);
    return next;
  }

  /** Forgets a stream, e.g. after a conflict, so the next load reads it afresh. */
  forget(streamId: string): void {
    this.cache.delete(streamId);
  }
}
