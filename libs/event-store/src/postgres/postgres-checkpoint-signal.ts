import type { CheckpointSignal } from '../projections/projection-runner';
import { PROJECTION_CHECKPOINT_CHANNEL } from '../projections/checkpoint-channel';
import { PostgresListener } from './postgres-listener';

/** LISTENs for checkpoints that projections in other processes committed (one connection, reconnecting). */
export function postgresCheckpointSignal(connectionString: string): CheckpointSignal {
  const listener = new PostgresListener(connectionString, PROJECTION_CHECKPOINT_CHANNEL);
  return {
    onCheckpoint: (callback) => listener.add(() => callback()),
    close: () => listener.stop(),
  };
}
