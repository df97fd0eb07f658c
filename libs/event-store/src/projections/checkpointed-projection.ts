// What the projection runner runs: a named view of the global log that stores its own checkpoint in the
// same transaction as its writes, so that a crash never skips or doubles an event.
import type { Position, RecordedEvent } from '../event-store.port';

/** A named projection fed from the global log (the SCIM read model, the audit index, …). */
export interface CheckpointedProjection {
  /** Stable name: the CLI, the admin API, metrics and the lease use it (e.g. `scim`, `audit`). */
  readonly name: string;
  /** Position of the last applied event (of any stream), undefined before the first batch. */
  checkpoint(): Promise<Position | undefined>;
  /** Applies a batch and advances the checkpoint in one transaction; events at or before the checkpoint are skipped. */
  project(events: RecordedEvent[]): Promise<void>;
  /** Drops every row and the checkpoint, so that the next batch starts from position 0. */
  reset(): Promise<void>;
}
