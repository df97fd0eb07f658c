// ── Audit and erasure composition ── The audit index projection, the audit reader and user erasure, on the
// event store, read model and projector composeScim opened; returns AuditAdminModule for HubModule.
import type { DynamicModule } from '@nestjs/common';
import { AuditAdminModule } from '@scim-hub/admin';
import { AuditReader, eraseUser, type ProtectedEventStore, type SubjectKeyStore } from '@scim-hub/audit';
import type { EventStore, Position, Subscription } from '@scim-hub/event-store';
import { ResourceWriter, SCIM_BASE_PATH } from '@scim-hub/ingress';
import type { HubConfig } from '@scim-hub/platform';
import type { ReadModel } from '@scim-hub/read-model';
import { resourceSchemasWith, type CustomSchemaDefinition } from '@scim-hub/scim';
import { startAuditProjection } from './audit-projection.composition';
import { openAuditIndex } from './audit-storage.composition';
import { purger, userDeleter } from './erasure.composition';
import type { CompositionServices } from './scim.composition';

/** What composeScim opened and the audit composition builds on. */
export interface ScimParts {
  eventStore: EventStore;
  personalData: ProtectedEventStore;
  readModel: ReadModel;
  projection: Pick<Subscription, 'waitFor'>;
  keys: SubjectKeyStore;
  customSchemas: readonly CustomSchemaDefinition[];
}

const AUDIT_WAIT_MS = 30_000;

/** Opens the audit index, starts its projection and returns the admin audit/erasure module. */
export async function composeAudit(config: HubConfig, services: CompositionServices, parts: ScimParts): Promise<DynamicModule> {
  const index = await openAuditIndex(config);
  services.shutdown.register('audit index', () => index.close());
  const purge = purger(parts);
  const subscription = await startAuditProjection(
    parts.eventStore,
    index,
    async (position, userStreams) => {
      for (const stream of userStreams) parts.personalData.forgetKey(stream);
      await purge(position);
    },
    (err) => services.logger.error({ err }, 'audit projection batch failed; retrying'),
  );
  services.shutdown.register('audit projection', () => subscription.stop());
  // The admin API answers once the purge is done and the audit trail shows the erasure.
  const purgeAndIndex = async (position: Position) => {
    await purge(position);
    await subscription.waitFor(position, AUDIT_WAIT_MS);
  };
  const erasure = { store: parts.personalData, deleteUser: userDeleter(new ResourceWriter(parts.eventStore)), purge: purgeAndIndex };
  return AuditAdminModule.forRoot({
    reader: new AuditReader(index, parts.eventStore),
    schemas: resourceSchemasWith(parts.customSchemas),
    scimBaseUrl: `${config.publicUrl}${SCIM_BASE_PATH}`,
    eraseUser: (tenant, id, context) => eraseUser(erasure, tenant, id, context),
  });
}
