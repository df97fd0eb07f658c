import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatementTrace } from '../read-model.port';
import { readModelContract } from '../testing';
import { openSqliteReadModel } from './sqlite-read-model';

readModelContract('SQLite (temp file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-read-model-'));
  const statements: StatementTrace[] = [];
  const readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db'), onStatement: (s) => statements.push(s) });
  return {
    readModel,
    statements,
    dispose: async () => {
      await readModel.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
