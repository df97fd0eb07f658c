// ── Audit and erasure composition ── The audit reader and user erasure over the audit index (a projection the
// runner composeScim started runs it) and the event store and read model composeScim opened; returns
// AuditAdminModule for HubModule.
import type { DynamicModule } from '@nestjs/common';
import { AuditAdminModule } from '@scim-hub/admin';
import { AUDIT_PROJECTION_NAME, AuditReader, eraseUser, type AuditProjection, type ProtectedEventStore, type SubjectKeyStore } from '@scim-hub/audit';
import type { EventStore, Position, Subscription } from '@scim-hub/event-store';
import type { ProjectionRunner } from '@scim-hub/event-store/projections';
import { ResourceWriter, SCIM_BASE_PATH } from '@scim-hub/ingress';
import type { HubConfig } from '@scim-hub/platform';
import type { ReadModel } from '@scim-hub/read-model';
import { resourceSchemasWith, type CustomSchemaDefinition } from '@scim-hub/scim';
import { followErasures } from './audit-projection.composition';
import { purger, userDeleter } from './erasure.composition';
import type { CompositionServices } from './scim.composition';

/** What composeScim opened and the audit composition builds on. */
export interface ScimParts {
  eventStore: EventStore;
  /** The log as stored, user events still sealed: for followers that look at event types and stream ids only. */
  sealedLog: EventStore;
  personalData: ProtectedEventStore;
  readModel: ReadModel;
  projection: Pick<Subscription, 'waitFor'>;
  keys: SubjectKeyStore;
  customSchemas: readonly CustomSchemaDefinition[];
}

const AUDIT_WAIT_MS = 30_000;

/**
 * Returns the admin audit/erasure module over the audit index (`index`, run by the projection runner of `parts`)
 * and follows the log for erasures in this process.
 */
export async function composeAudit(
  config: HubConfig,
  services: CompositionServices,
  parts: ScimParts & { projections: ProjectionRunner },
  index: AuditProjection,
): Promise<DynamicModule> {
  const purge = purger(parts);
  // It reads event types and stream ids only, so it follows the sealed log: nothing is decrypted for it.
  const follower = followErasures(
    parts.sealedLog,
    await index.checkpoint(),
    async (position, userStreams) => {
      for (const stream of userStreams) parts.personalData.forgetKey(stream);
      await purge(position);
    },
    (err) => services.logger.error({ err }, 'erasure follower batch failed; retrying'),
  );
  services.shutdown.register('erasure follower', () => follower.stop());
  const indexed = parts.projections.waiterFor(AUDIT_PROJECTION_NAME);
  // The admin API answers once the purge is done and the audit trail shows the erasure.
  const purgeAndIndex = async (position: Position) => {
    await purge(position);
    await indexed.waitFor(position, AUDIT_WAIT_MS);
  };
  const erasure = { store: parts.personalData, deleteUser: userDeleter(new ResourceWriter(parts.eventStore)), purge: purgeAndIndex };
  return AuditAdminModule.forRoot({
    reader: new AuditReader(index, parts.eventStore),
    schemas: resourceSchemasWith(parts.customSchemas),
    scimBaseUrl: `${config.publicUrl}${SCIM_BASE_PATH}`,
    eraseUser: (tenant, id, context) => eraseUser(erasure, tenant, id, context),
  });
}
