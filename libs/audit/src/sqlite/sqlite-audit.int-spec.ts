import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditIndexContract, subjectKeyStoreContract } from '../testing';
import { openSqliteAuditIndex } from './sqlite-audit-index';
import { openSqliteSubjectKeyStore } from './sqlite-subject-key-store';

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'scim-audit-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

auditIndexContract('SQLite (temp file)', async () => {
  const { dir, remove } = tempDir();
  const index = openSqliteAuditIndex(join(dir, 'audit.db'));
  return { index, dispose: async () => (await index.close(), remove()) };
});

subjectKeyStoreContract('SQLite (temp file)', async () => {
  const { dir, remove } = tempDir();
  const keys = openSqliteSubjectKeyStore(join(dir, 'keys.db'));
  return { keys, dispose: async () => (await keys.close(), remove()) };
});
