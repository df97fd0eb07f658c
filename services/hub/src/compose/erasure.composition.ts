// The two steps of an erasure that depend on the composition: deleting the user through the write side, and
// purging deleted bytes once the read model has caught up. Shared by the hub (admin API) and the CLI.
import type { ErasureContext, SubjectKeyStore } from '@scim-hub/audit';
import type { Position, Subscription } from '@scim-hub/event-store';
import type { ResourceWriter } from '@scim-hub/ingress';
import type { ReadModel } from '@scim-hub/read-model';
import { isScimError } from '@scim-hub/scim';

const PURGE_WAIT_MS = 30_000;

/** Deletes a user through the write side; undefined when it is deleted already (a repeated erasure). */
export function userDeleter(writer: ResourceWriter) {
  return async (tenant: string, id: string, context: ErasureContext): Promise<Position | undefined> => {
    try {
      return (await writer.execute({ tenant, ...context }, 'User', id, { kind: 'delete' })).position;
    } catch (error) {
      if (isScimError(error) && error.status === 404) return undefined;
      throw error;
    }
  };
}

/** Waits until the read model passed `position`, then removes deleted bytes from read model and key store. */
export function purger(parts: { projection: Pick<Subscription, 'waitFor'>; readModel: ReadModel; keys: SubjectKeyStore }) {
  return async (position: Position): Promise<void> => {
    await parts.projection.waitFor(position, PURGE_WAIT_MS);
    await parts.readModel.purgeDeletedData?.();
    await parts.keys.purge();
  };
}
