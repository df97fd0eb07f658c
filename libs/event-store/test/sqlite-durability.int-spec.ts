import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '../src/sqlite';

const root = resolve(__dirname, '../../..');
const child = join(__dirname, 'sqlite-durability.child.ts');
const ACKS_BEFORE_KILL = 300;

/** Runs the child until it has acknowledged `acks` appends, then kill -9's it mid-stream. */
function appendThenKill(file: string, synchronous: string, acks: number): Promise<Map<number, string>> {
  return new Promise((resolveAcks, reject) => {
    const proc = spawn(process.execPath, [join(root, 'tools/run-ts.js'), child, file, synchronous], { cwd: root });
    const acked = new Map<number, string>();
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [, revision, id] = line.split(' ');
        acked.set(Number(revision), id);
      }
      if (acked.size >= acks && !proc.killed) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolveAcks(acked);
      else reject(new Error(`child exited with ${code} before it was killed: ${stderr}`));
    });
  });
}

describe('SQLite event store durability (kill -9 while appending)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-hub-durability-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['FULL', 'NORMAL'])('synchronous=%s: every acknowledged append is there after reopening', async (synchronous) => {
    const file = join(dir, `events-${synchronous}.db`);
    const acked = await appendThenKill(file, synchronous, ACKS_BEFORE_KILL);
    expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    const store = await openSqliteEventStore({ file });
    const events = await store.readStream('durability/User/1');
    await store.close();
    const stored = new Map(events.map((e) => [e.revision, e.id]));
    for (const [revision, id] of acked) expect(stored.get(revision)).toBe(id);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  }, 60_000);
});
