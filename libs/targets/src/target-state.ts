// The registry's state is the fold of every target stream: evolve() applies one recorded event.
import type { RecordedEvent } from '@scim-hub/event-store';
import type { StoredTarget, TargetEvent } from './target.events';
import { parseTargetStreamId } from './target.events';

/** A live target with what the API shows about its history. */
export interface TargetRecord {
  target: StoredTarget;
  streamId: string;
  /** Stream revision of the last event (the expected revision of the next change). */
  revision: number;
  created: string;
  lastModified: string;
  /** Who made the last change (token id, `admin`, `cli`, `file`). */
  lastModifiedBy?: string;
}

/** Live targets by id, and the last revision of every target stream (removed ones too, for re-adding). */
export interface TargetState {
  live: Map<string, TargetRecord>;
  revisions: Map<string, number>;
}

/** An empty registry. */
export function initialTargetState(): TargetState {
  return { live: new Map(), revisions: new Map() };
}

/** Applies one event of the log to `state` (in place); returns false for events of other streams. */
export function evolveTargets(state: TargetState, event: RecordedEvent): boolean {
  const key = parseTargetStreamId(event.streamId);
  if (!key) return false;
  state.revisions.set(event.streamId, event.revision);
  const typed = { type: event.type, data: event.data } as TargetEvent;
  const at = String(event.metadata.time ?? event.recordedAt);
  const by = typeof event.metadata.actor === 'string' ? event.metadata.actor : undefined;
  switch (typed.type) {
    case 'TargetAdded':
      state.live.set(key.id, { target: typed.data.target, streamId: event.streamId, revision: event.revision, created: at, lastModified: at, lastModifiedBy: by });
      return true;
    case 'TargetChanged': {
      const previous = state.live.get(key.id);
      state.live.set(key.id, { target: typed.data.target, streamId: event.streamId, revision: event.revision, created: previous?.created ?? at, lastModified: at, lastModifiedBy: by });
      return true;
    }
    case 'TargetRemoved':
      state.live.delete(key.id);
      return true;
    default:
      return assertNever(typed);
  }
}

// An unknown event type in a target stream would be a newer hub's event: fail loudly, never skip it.
function assertNever(event: never): never {
  throw new Error(`unknown target event type ${(event as { type: string }).type}`);
}
