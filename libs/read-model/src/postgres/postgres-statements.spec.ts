import type { Pool } from 'pg';
import { MAX_PREPARED_TEXTS, PostgresStatements } from './postgres-statements';

// A pool that records how each statement was sent: by name (prepared) or as text and values.
function recordingPool() {
  const sent: { text: string; name?: string }[] = [];
  const pool = {
    query: async (config: string | { text: string; name?: string }, _values?: unknown[]) => {
      sent.push(typeof config === 'string' ? { text: config } : { text: config.text, name: config.name });
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Pool;
  return { pool, sent };
}

describe('PostgresStatements naming', () => {
  it('names a static statement at its first use, always by the same name', async () => {
    const { pool, sent } = recordingPool();
    const statements = new PostgresStatements();
    await statements.query(pool, 'SELECT 1', [], true);
    await statements.query(pool, 'SELECT 1', [], true);
    expect(sent[0].name).toMatch(/^ps_[0-9a-f]{24}$/);
    expect(sent[1].name).toBe(sent[0].name);
  });

  it('runs other texts unnamed at first, and by name from their second use on', async () => {
    const { pool, sent } = recordingPool();
    const statements = new PostgresStatements();
    for (let i = 0; i < 3; i++) await statements.query(pool, 'SELECT * FROM t WHERE a = $1', ['x']);
    await statements.query(pool, 'SELECT * FROM t WHERE b = $1', ['y']);
    expect(sent.map((s) => s.name === undefined)).toEqual([true, false, false, true]);
    expect(sent[2].name).toBe(sent[1].name);
  });

  it(`names at most ${MAX_PREPARED_TEXTS} recurring texts; past that, new texts stay unnamed while named ones keep their names`, async () => {
    const { pool, sent } = recordingPool();
    const statements = new PostgresStatements();
    const text = (i: number) => `SELECT * FROM t WHERE a IN (${'$1, '.repeat(i)}$1)`;
    for (let i = 0; i <= MAX_PREPARED_TEXTS; i++) {
      await statements.query(pool, text(i), ['x']);
      await statements.query(pool, text(i), ['x']);
    }
    const secondUses = sent.filter((_, i) => i % 2 === 1);
    expect(secondUses.slice(0, MAX_PREPARED_TEXTS).every((s) => s.name !== undefined)).toBe(true);
    expect(secondUses[MAX_PREPARED_TEXTS].name).toBeUndefined();
    sent.length = 0;
    await statements.query(pool, text(0), ['x']);
    await statements.query(pool, 'SELECT 2', [], true);
    expect(sent.every((s) => s.name !== undefined)).toBe(true);
  });
});
