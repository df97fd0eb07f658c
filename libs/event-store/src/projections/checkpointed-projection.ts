// What the projection runner runs: a named view of the global log that stores its own checkpoint in the
// same transaction as its writes, so that a crash never skips or doubles an event.
import type { Position, RecordedEvent } from '../event-store.port';

/** A named projection fed from the global log (the SCIM read model, the audit index, …). */
export interface CheckpointedProjection {
  /** Stable name: the CLI, the admin API, metrics and the lease use it (e.g. `scim`, `audit`). */
  readonly name: string;
  /**
   * Optional: after a batch taken at the head of the log, wait this long (ms) before taking the next, so that the
   * appends made meanwhile arrive as one batch. For a projection nothing answers a request from (the audit index):
   * it lags the log by up to this much and writes a batch per interval instead of one per commit. A full batch
   * (catching up) is followed at once.
   */
  readonly lingerMs?: number;
  /** Position of the last applied event (of any stream), undefined before the first batch. */
  checkpoint(): Promise<Position | undefined>;
  /** Applies a batch and advances the checkpoint in one transaction; events at or before the checkpoint are skipped. */
  project(events: RecordedEvent[]): Promise<void>;
  /** Drops every row and the checkpoint, so that the next batch starts from position 0. */
  reset(): Promise<void>;
  /**
   * Optional: opens an empty copy beside the live one, for a rebuild that keeps the live copy serving until
   * the copy has caught up and is swapped in. Without it, a rebuild resets the projection in place.
   */
  openShadow?(): Promise<ShadowProjection>;
  /**
   * Optional: moves the checkpoint back to `to` (undefined = the start) so that the events after it are
   * applied again. Only projections whose writes are idempotent per event can offer it (replay).
   */
  rewind?(to: Position | undefined): Promise<void>;
}

/** An empty copy of a projection being filled from position 0 while the live copy keeps serving. */
export interface ShadowProjection {
  checkpoint(): Promise<Position | undefined>;
  project(events: RecordedEvent[]): Promise<void>;
  /** Replaces the live copy with this one in one atomic step; afterwards the live projection answers from it. */
  swapIn(): Promise<void>;
  /** Drops the copy (the rebuild failed or was stopped); the live copy is untouched. */
  discard(): Promise<void>;
}
