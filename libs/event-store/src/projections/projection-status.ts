// What the runner tells about each projection: the admin API, the CLI, metrics and readiness read it.

/**
 * `running`: this process projects it; `rebuilding`: a rebuild or replay is filling it; `stopped`: stopped at
 * a poisoned event (or by shutdown); `standby`: another process holds its lease.
 */
export type ProjectionState = 'running' | 'rebuilding' | 'stopped' | 'standby';

/** The last error a projection met, with the log position of the event it was applying. */
export interface ProjectionError {
  message: string;
  /** `<commit>:<prepare>` of the failing event, when one event could be blamed. */
  position?: string;
  /** ISO-8601 time of the failure. */
  at: string;
}

/** How far a projection is and how far behind the log it trails. */
export interface ProjectionStatus {
  name: string;
  state: ProjectionState;
  /** Where it reads the log from: the event store itself (`log`) or a consumer group on the bus (`bus`). */
  source: 'log' | 'bus';
  /** `<commit>:<prepare>` of its checkpoint; undefined before its first event. */
  position?: string;
  /** Events in the log after the checkpoint, counted up to a probe limit (`lagEventsCapped` says it was hit). */
  lagEvents: number;
  lagEventsCapped: boolean;
  /** Age in seconds of the oldest event not yet applied; 0 when caught up. */
  lagSeconds: number;
  lastError?: ProjectionError;
  /** Progress of a running rebuild or replay: events applied to the copy so far. */
  rebuild?: { applied: number; startedAt: string };
}

/** Hooks for metrics and logs; the runner itself has no metrics or logging library. */
export interface ProjectionRunnerHooks {
  /** After each change of a projection's status (batch applied, state change, error). */
  onStatus?(status: ProjectionStatus): void;
  /** A batch failed; the runner retries it (transient) or counts it towards poisoning. */
  onError?(name: string, error: unknown, position: string | undefined): void;
  /** The projection stopped at a poisoned event; it stays stopped until rebuilt, replayed or restarted. */
  onPoisoned?(name: string, error: unknown, position: string | undefined): void;
}
