// Proves the benchmark harness works end to end: one `--quick` run of the real CLI (real child processes, real
// HTTP on 127.0.0.1), then checks its table, JSON and Markdown. No timing pass/fail: figures only have to exist.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SCENARIO_IDS, SYSTEM_IDS, type BenchResult, type ResultRow, type SystemId } from './src/bench.types';
import { summariseProfile, type CpuProfile } from './src/profile/cpu-profile.parts';
import { BASELINE_MAIN, DURABLE_SERVES, HUB_MAIN } from './src/systems';

const REPO = path.resolve(__dirname, '..');
const hubBuilt = existsSync(HUB_MAIN);

interface QuickRun {
  code: number | null;
  stdout: string;
  stderr: string;
  result: BenchResult;
  markdown: string;
}

function runQuick(outDir: string, extraArgs: string[] = []): Promise<QuickRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/run-ts.js', 'bench/src/bench.main.ts', '--quick', '--out-dir', outDir, ...extraArgs], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const files = readdirSync(outDir);
      const json = files.find((f) => f.endsWith('-quick.json'));
      const md = files.find((f) => f.endsWith('-quick.md'));
      if (!json || !md) return reject(new Error(`no results written (exit ${code}): ${stderr.slice(-2000)}`));
      const result = JSON.parse(readFileSync(path.join(outDir, json), 'utf8')) as BenchResult;
      resolve({ code, stdout, stderr, result, markdown: readFileSync(path.join(outDir, md), 'utf8') });
    });
  });
}

const rowsOf = (run: QuickRun, system: SystemId): ResultRow[] => run.result.rows.filter((r) => r.system === system);

describe('npm run bench:quick', () => {
  let outDir: string;
  let run: QuickRun;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-spec-'));
    run = await runQuick(outDir);
  }, 300_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('has exactly one row per system and scenario, in the JSON and in the printed table', () => {
    for (const system of SYSTEM_IDS) {
      for (const scenario of SCENARIO_IDS) {
        expect(run.result.rows.filter((r) => r.system === system && r.scenario === scenario)).toHaveLength(1);
        expect(run.stdout).toMatch(new RegExp(`^${system}\\s+${scenario}\\s`, 'm'));
      }
    }
    expect(run.result.rows).toHaveLength(SYSTEM_IDS.length * SCENARIO_IDS.length);
  });

  it('writes Markdown with the machine read at run time, the results table and the targets', () => {
    expect(run.markdown).toContain(`Node.js: ${process.version}`);
    expect(run.markdown).toMatch(/CPUs \(`nproc`\): \d+/);
    expect(run.markdown).toMatch(/^\| system \| scenario \| req\/s \|.*\| × ceiling \| × durable \| × peer \|$/m);
    expect(run.markdown).toContain('## Targets (reported, not asserted)');
    expect(run.stdout).toContain('targets (reported, not asserted; quick sizes');
  });

  it('measures the durable ceiling on creates and filters (req/s > 0, no errors) and reports its other scenarios n/a', () => {
    for (const row of rowsOf(run, 'durable')) {
      if (DURABLE_SERVES.includes(row.scenario)) {
        expect([row.scenario, row.status, row.okPerSec > 0, row.errors]).toEqual([row.scenario, 'measured', true, 0]);
      } else {
        expect([row.scenario, row.status, row.okPerSec]).toEqual([row.scenario, 'n/a', 0]);
        expect(run.stdout).toMatch(new RegExp(`^durable\\s+${row.scenario}\\s+n/a\\s`, 'm'));
      }
    }
    expect(rowsOf(run, 'durable').filter((r) => r.status === 'measured').map((r) => r.scenario)).toEqual([...DURABLE_SERVES]);
  });

  it('gives every hub row its ratio to each reference system measured in that scenario, in the JSON', () => {
    for (const row of run.result.rows.filter((r) => r.status === 'measured')) {
      const ceiling = rowsOf(run, 'ceiling').find((r) => r.scenario === row.scenario);
      expect(row.ratios?.ceiling).toBeCloseTo(row.okPerSec / (ceiling?.okPerSec ?? NaN), 6);
      const durable = rowsOf(run, 'durable').find((r) => r.scenario === row.scenario);
      if (durable?.status === 'measured') expect(row.ratios?.durable).toBeCloseTo(row.okPerSec / durable.okPerSec, 6);
      else expect(row.ratios?.durable).toBeNull();
    }
  });

  it.each(['ceiling', 'peer'] as const)('measures the %s in every scenario with requests/s > 0 and no errors', (system) => {
    for (const row of rowsOf(run, system)) {
      expect({ scenario: row.scenario, status: row.status, note: row.note }).toEqual({ scenario: row.scenario, status: 'measured', note: undefined });
      expect(row.okPerSec).toBeGreaterThan(0);
      expect(row.errors).toBe(0);
      expect(row.peakRssMb).toBeGreaterThan(0);
    }
  });

  it('reports the hub as "not built" exactly when its entry point is missing', () => {
    for (const system of ['hub-sqlite', 'hub-postgres'] as const) {
      const statuses = new Set(rowsOf(run, system).map((r) => r.status));
      if (hubBuilt) expect(statuses.has('not built')).toBe(false);
      else expect([...statuses]).toEqual(['not built']);
    }
  });

  if (!hubBuilt) console.warn(`skipped: ${path.relative(REPO, HUB_MAIN)} not built, so the hub rows cannot be measured`);

  (hubBuilt ? it : it.skip)('measures scim-hub on SQLite in every scenario with requests/s > 0', () => {
    for (const row of rowsOf(run, 'hub-sqlite')) {
      expect({ scenario: row.scenario, status: row.status, note: row.note }).toEqual({ scenario: row.scenario, status: 'measured', note: undefined });
      expect(row.okPerSec).toBeGreaterThan(0);
    }
  });

  (hubBuilt ? it : it.skip)('grows a second group on the hub after the scenarios and reports the peak RSS with it', () => {
    const hub = run.result.systems.find((s) => s.system === 'hub-sqlite');
    expect([hub?.status, hub?.note]).toEqual(['measured', undefined]);
    expect(hub?.rssGroupMembers).toBe(run.result.settings.rssGroupMembers);
    expect(hub?.finalPeakRssMb).toBeGreaterThanOrEqual(hub?.loadedPeakRssMb ?? Infinity);
    const target = run.result.targets.find((t) => t.system === 'hub-sqlite' && t.target.startsWith('peak RSS ≤ 256 MB'));
    expect(target?.detail.startsWith(`${hub?.finalPeakRssMb.toFixed(1)} MB`)).toBe(true);
  });

  it('reports the baseline hub builds as skipped exactly when BENCH_BASELINE_MAIN is not set', () => {
    for (const system of ['hub-sqlite-before', 'hub-postgres-before'] as const) {
      const summary = run.result.systems.find((s) => s.system === system);
      if (BASELINE_MAIN) expect(summary?.note).not.toBe('BENCH_BASELINE_MAIN not set');
      else expect([summary?.status, summary?.note]).toEqual(['skipped', 'BENCH_BASELINE_MAIN not set']);
    }
    const measuredBaselines = run.result.systems.filter((s) => s.system.endsWith('-before') && s.status === 'measured').length;
    expect(run.result.beforeAfter).toHaveLength(measuredBaselines * SCENARIO_IDS.length);
  });

  (hubBuilt ? it : it.skip)('measures scim-hub on PostgreSQL, or reports why it was skipped', () => {
    const rows = rowsOf(run, 'hub-postgres');
    const status = rows[0].status;
    expect(['measured', 'skipped']).toContain(status);
    if (status === 'skipped') {
      console.warn(`skipped: hub-postgres: ${rows[0].note}`);
      expect(rows.every((r) => r.status === 'skipped' && (r.note ?? '').length > 0)).toBe(true);
      return;
    }
    for (const row of rows) expect([row.scenario, row.status, row.okPerSec > 0]).toEqual([row.scenario, 'measured', true]);
    // PostgreSQL runs on this machine here: its CPU is read for every scenario, and the creates alone cost it some.
    for (const row of rows) expect(typeof row.dbCpuMsPerOk).toBe('number');
    expect(rows.find((r) => r.scenario === 'create')?.dbCpuMsPerOk).toBeGreaterThan(0);
    expect(run.markdown).toContain('## Database server CPU');
    expect(run.markdown).toMatch(/^\| hub-postgres \| create \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$/m);
    expect(run.stdout).toContain('CPU ms per request of the database server on this machine');
  });

  it('reads a database server\'s CPU only for systems that use one', () => {
    const withDatabase = new Set(run.result.rows.filter((r) => r.dbCpuMsPerOk !== undefined).map((r) => r.system));
    expect([...withDatabase].every((system) => system.startsWith('hub-postgres'))).toBe(true);
  });

  it("reads every measured system's main thread apart: part of its CPU, in the JSON and both tables", () => {
    const measured = run.result.rows.filter((r) => r.status === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    // /proc counts in clock ticks (10 ms), and the process's and the thread's are read one after the other: over a
    // quick scenario the thread may read up to two ticks more than the whole process.
    const ticks = 0.02;
    for (const row of measured) {
      expect(row.mainThreadCpuMsPerOk).toBeGreaterThanOrEqual(0);
      expect(row.mainThreadCpuMsPerOk).toBeLessThanOrEqual(row.cpuMsPerOk + (1000 * ticks) / Math.max(row.ok, 1));
      expect(row.mainThreadPercent).toBeLessThanOrEqual(row.cpuPercent + (100 * ticks) / row.durationSec);
    }
    // The peer's creates keep its one thread busy for a while: its main thread shows CPU of its own.
    expect(measured.find((r) => r.system === 'peer' && r.scenario === 'create')?.mainThreadCpuMsPerOk).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/CPU ms\/req\s+main %\s+main ms\/req\s+peak RSS MB/);
    expect(run.markdown).toContain('| CPU ms/req | main % | main ms/req | peak RSS MB |');
  });

  it('exits 1 exactly when a system failed', () => {
    const failed = run.result.systems.some((s) => s.status === 'failed');
    expect(run.code).toBe(failed ? 1 : 0);
  });
});

(hubBuilt ? describe : describe.skip)('npm run bench:quick -- --profile', () => {
  let outDir: string;
  let run: QuickRun;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-profile-spec-'));
    run = await runQuick(outDir, ['--systems', 'ceiling,hub-sqlite', '--profile']);
  }, 300_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('profiles the hub in every scenario and writes each profile, whose summary the row carries', () => {
    expect(run.code).toBe(0);
    expect(run.result.settings.profileIntervalUs).toBe(500);
    for (const row of rowsOf(run, 'hub-sqlite')) {
      expect([row.scenario, row.status, (row.profile?.busySamples ?? 0) > 0]).toEqual([row.scenario, 'measured', true]);
      const file = path.join(outDir, row.profile?.file ?? '');
      expect(path.basename(file)).toBe(`hub-sqlite-${row.scenario}.cpuprofile`);
      const written = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
      expect(summariseProfile(written)).toEqual({ busySamples: row.profile?.busySamples, parts: row.profile?.parts });
    }
  });

  it('finds the hub\'s own code at work in a create', () => {
    const create = rowsOf(run, 'hub-sqlite').find((r) => r.scenario === 'create');
    expect(create?.profile?.parts.some((p) => p.part.startsWith('libs/'))).toBe(true);
  });

  it('profiles hub builds only', () => {
    expect(rowsOf(run, 'ceiling').every((r) => r.status === 'measured' && r.profile === undefined)).toBe(true);
  });

  it('prints and writes a table of where the hub\'s CPU went', () => {
    expect(run.stdout).toMatch(/^where hub-sqlite's CPU went/m);
    expect(run.markdown).toContain('## Where the CPU goes (--profile)');
    expect(run.markdown).toMatch(/^### hub-sqlite\n\n\| part \| filter-small \| filter-large \|/m);
    expect(run.markdown).toMatch(/^\| busy samples \| \d+ \|/m);
  });
});
