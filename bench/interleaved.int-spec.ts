// Proves `npm run bench:interleaved` works end to end: an A/A run (this build on both sides, real child processes,
// real HTTP on 127.0.0.1, tiny sizes), then checks its table, JSON and Markdown. No timing pass/fail.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InterleavedResult } from './src/interleaved/interleaved.report';
import { HUB_MAIN } from './src/systems';

const REPO = path.resolve(__dirname, '..');
const hubBuilt = existsSync(HUB_MAIN);
const ARGS = ['--same', '--users', '60', '--slices', '2', '--slice-sec', '1', '--rounds', '2', '--connections', '4', '--scenarios', 'filter-large,create'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runInterleaved(outDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/run-ts.js', 'bench/src/interleaved/interleaved.main.ts', ...ARGS, '--out-dir', outDir], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

if (!hubBuilt) console.warn(`skipped: ${path.relative(REPO, HUB_MAIN)} not built, so there is no build to interleave`);

(hubBuilt ? describe : describe.skip)('npm run bench:interleaved --same', () => {
  let outDir: string;
  let run: Run;
  let result: InterleavedResult;
  let markdown: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'scim-hub-interleaved-spec-'));
    run = await runInterleaved(outDir);
    const files = readdirSync(outDir);
    const json = files.find((f) => f.endsWith('-interleaved-sqlite-same.json'));
    const md = files.find((f) => f.endsWith('-interleaved-sqlite-same.md'));
    if (!json || !md) throw new Error(`no results written (exit ${run.code}): ${run.stderr.slice(-2000)}`);
    result = JSON.parse(readFileSync(path.join(outDir, json), 'utf8')) as InterleavedResult;
    markdown = readFileSync(path.join(outDir, md), 'utf8');
  }, 180_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exits 0 and measures both sides of every scenario asked for, with no errors', () => {
    expect(run.code).toBe(0);
    expect(result.rows.map((r) => r.scenario)).toEqual(['filter-large', 'create']);
    for (const row of result.rows) {
      for (const side of [row.before, row.after]) {
        expect(side.errors).toBe(0);
        expect(side.okPerSec).toBeGreaterThan(0);
        expect(side.cpuMsPerOk).toBeGreaterThan(0);
      }
      expect(Number.isFinite(row.ratio)).toBe(true);
      expect(row.pairRange[0]).toBeLessThanOrEqual(row.ratio);
      expect(row.pairRange[1]).toBeGreaterThanOrEqual(row.ratio);
    }
  });

  it('pools two rounds of fresh processes that alternate which side starts first', () => {
    expect(run.stderr).toContain('round 1 of 2: before build started first');
    expect(run.stderr).toContain('round 2 of 2: after build started first');
    for (const row of result.rows) expect(row.pairs).toBe(4);
  });

  it('runs this build on both sides and records the settings and where the processes ran', () => {
    expect(result.builds).toEqual({ before: HUB_MAIN, after: HUB_MAIN });
    expect(result.settings).toMatchObject({ store: 'sqlite', users: 60, slices: 2, sliceSec: 1, rounds: 2, connections: 4, same: true });
    expect('builds' in result.pinning || 'unpinned' in result.pinning).toBe(true);
    // The machine is read before the harness pins itself to one CPU (a pinned `nproc` says 1).
    expect(result.machine.nproc).toBe(String(os.availableParallelism()));
  });

  it('prints the table and writes the same rows as Markdown', () => {
    expect(run.stdout).toContain('the same build on both sides');
    for (const scenario of ['filter-large', 'create']) {
      expect(run.stdout).toMatch(new RegExp(`^${scenario}\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}×`, 'm'));
      expect(markdown).toMatch(new RegExp(`^\\| ${scenario} \\| \\d+\\.\\d{3} \\| \\d+\\.\\d{3} \\| `, 'm'));
    }
  });

  it('leaves no data directory behind', () => {
    expect(run.stderr).not.toMatch(/cleanup failed/);
  });
});
