import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { wrapWithMasterKey } from '../erasure/key-wrapping';
import { auditIndexContract, keyWrappingContract, subjectKeyStoreContract } from '../testing';
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

for (const [name, wrapping] of [['SQLite (temp file)', undefined], ['SQLite (temp file) with a master key', wrapWithMasterKey(randomBytes(32))]] as const) {
  subjectKeyStoreContract(name, async () => {
    const { dir, remove } = tempDir();
    const keys = openSqliteSubjectKeyStore(join(dir, 'keys.db'), wrapping);
    return { keys, dispose: async () => (await keys.close(), remove()) };
  });
}

keyWrappingContract('SQLite (temp file)', async () => {
  const { dir, remove } = tempDir();
  const file = join(dir, 'keys.db');
  return {
    open: async (wrapping) => openSqliteSubjectKeyStore(file, wrapping),
    rows: async () => {
      const db = new Database(file, { readonly: true });
      try {
        const rows = db.prepare('SELECT subject, key FROM subject_keys').all() as { subject: string; key: Buffer }[];
        return new Map(rows.map((row) => [row.subject, row.key]));
      } finally {
        db.close();
      }
    },
    dispose: async () => remove(),
  };
});
