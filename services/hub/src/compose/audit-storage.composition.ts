// Where the audit index and the per-subject keys live: PostgreSQL schemas when DATABASE_URL is set (like the
// read model), else files under HUB_DATA_DIR. Adapters are imported only when chosen.
import { keysAsTheyAre, wrapWithMasterKey, type AuditProjection, type KeyWrapping, type SubjectKeyStore } from '@scim-hub/audit';
import type { HubConfig } from '@scim-hub/platform';
import { join } from 'node:path';
import { openNamed } from './storage.composition';

/** File names under HUB_DATA_DIR. */
export const AUDIT_FILES = { index: 'audit.db', keys: 'keys.db' } as const;

type KeyStoreConfig = Pick<HubConfig, 'databaseUrl' | 'dataDir' | 'masterKey' | 'previousMasterKeys'>;

/** Opens the per-subject key store (crypto-shredding, docs/audit.md), its keys wrapped when HUB_MASTER_KEY is set. */
export async function openKeyStore(config: KeyStoreConfig): Promise<SubjectKeyStore> {
  const { databaseUrl } = config;
  const wrapping = keyWrappingOf(config);
  if (databaseUrl) {
    const { openPostgresSubjectKeyStore } = await import('@scim-hub/audit/postgres');
    return openNamed('DATABASE_URL', () => openPostgresSubjectKeyStore({ connectionString: databaseUrl, schema: 'scim_hub_keys', wrapping }));
  }
  const { openSqliteSubjectKeyStore } = await import('@scim-hub/audit/sqlite');
  return openNamed('HUB_DATA_DIR', async () => openSqliteSubjectKeyStore(join(config.dataDir, AUDIT_FILES.keys), wrapping));
}

// HUB_MASTER_KEY wraps; HUB_MASTER_KEY_PREVIOUS still opens what earlier master keys wrapped (docs/audit.md).
function keyWrappingOf(config: KeyStoreConfig): KeyWrapping {
  const previous = config.previousMasterKeys.map((key) => Buffer.from(key, 'base64'));
  return config.masterKey ? wrapWithMasterKey(Buffer.from(config.masterKey, 'base64'), previous) : keysAsTheyAre(previous);
}

/** Opens the audit index projection. */
export async function openAuditIndex(config: Pick<HubConfig, 'databaseUrl' | 'dataDir'>): Promise<AuditProjection> {
  const { databaseUrl } = config;
  if (databaseUrl) {
    const { openPostgresAuditIndex } = await import('@scim-hub/audit/postgres');
    return openNamed('DATABASE_URL', () => openPostgresAuditIndex({ connectionString: databaseUrl, schema: 'scim_hub_audit' }));
  }
  const { openSqliteAuditIndex } = await import('@scim-hub/audit/sqlite');
  return openNamed('HUB_DATA_DIR', async () => openSqliteAuditIndex(join(config.dataDir, AUDIT_FILES.index)));
}
