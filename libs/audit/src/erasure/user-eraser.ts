// GDPR erasure of one user (docs/audit.md): delete it through the write side (read models drop it and its
// memberships; outbound targets see UserDeleted), destroy its key (its events read as erased everywhere),
// record who erased it (`UserErased` on `<tenant>/Erasure/User/<id>`), then purge the freed bytes from storage.
import { uuidV7 } from '@scim-hub/platform/ids';
import type { Position } from '@scim-hub/event-store';
import { resourceStreamId } from '@scim-hub/identity';
import { notFound } from '@scim-hub/scim';
import { erasureStreamId } from '../index-model/audited-stream';
import type { ProtectedEventStore } from './protected-event-store';

/** Type and schema version of the erasure record. */
export const USER_ERASED = { type: 'UserErased', schemaVersion: 1 } as const;

/** Who asks for an erasure: becomes the metadata of the UserErased event (the audit trail). */
export interface ErasureContext {
  actor: string;
  requestId: string;
  clientAddress?: string;
  userAgent?: string;
}

/** What erasing needs from the composition. */
export interface ErasureDependencies {
  store: ProtectedEventStore;
  /** Deletes the user through the write side; resolves undefined when it was deleted already. */
  deleteUser(tenant: string, id: string, context: ErasureContext): Promise<Position | undefined>;
  /** Waits until the read models passed `position`, then removes deleted bytes from their storage and the key store. */
  purge(position: Position): Promise<void>;
  now?: () => Date;
}

/** The outcome of an erasure. */
export interface ErasureOutcome {
  tenant: string;
  id: string;
  /** False when the user's events were already unreadable (erased before, or written before sealing existed). */
  keyDestroyed: boolean;
  erasedAt: string;
}

/** Erases a user's personal data; a 404 ScimError when the user never existed in `tenant`. */
export async function eraseUser(deps: ErasureDependencies, tenant: string, id: string, context: ErasureContext): Promise<ErasureOutcome> {
  const streamId = resourceStreamId(tenant, 'User', id);
  if ((await deps.store.readStream(streamId, { maxCount: 1 })).length === 0) throw notFound(`User ${id} not found`);
  await deps.deleteUser(tenant, id, context);
  const keyDestroyed = await deps.store.destroyKey(streamId);
  const erasedAt = (deps.now ?? (() => new Date()))().toISOString();
  const metadata = { tenant, time: erasedAt, causationId: context.requestId, ...context };
  const event = { id: uuidV7(), ...USER_ERASED, data: { userId: id, keyDestroyed }, metadata };
  const result = await deps.store.appendToStream(erasureStreamId(tenant, id), 'any', [event]);
  await deps.purge(result.position);
  return { tenant, id, keyDestroyed, erasedAt };
}
