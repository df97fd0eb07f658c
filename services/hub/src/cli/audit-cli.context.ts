// What the audit and erase commands open: the event store behind the personal-data decorator, the key store,
// the audit index, and (for erasure) the read model. The same composition the hub uses, without HTTP.
import { AuditReader, protectPersonalData, type AuditProjection, type ProtectedEventStore, type SubjectKeyStore } from '@scim-hub/audit';
import type { EventStore } from '@scim-hub/event-store';
import type { HubConfig } from '@scim-hub/platform/config';
import { catchUpAuditIndex } from '../compose/audit-projection.composition';
import { openAuditIndex, openKeyStore } from '../compose/audit-storage.composition';
import { openEventStore } from '../compose/storage.composition';

/** Open stores of one CLI invocation. */
export interface AuditCliContext {
  config: HubConfig;
  store: ProtectedEventStore;
  keys: SubjectKeyStore;
  index: AuditProjection;
  reader: AuditReader;
  close(): Promise<void>;
}

/** Opens the stores and brings the audit index up to the head of the log (no hub needs to be running). */
export async function openAuditCliContext(config: HubConfig): Promise<AuditCliContext> {
  const opened: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
  };
  try {
    const raw: EventStore = await openEventStore(config);
    opened.push(raw);
    const keys = await openKeyStore(config);
    opened.push(keys);
    const store = await protectPersonalData(raw, keys);
    const index = await openAuditIndex(config);
    opened.push(index);
    await catchUpAuditIndex(store, index);
    return { config, store, keys, index, reader: new AuditReader(index, store), close };
  } catch (error) {
    await close();
    throw error;
  }
}
