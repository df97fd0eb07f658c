// Renders a run as a plain-text table (stdout) and as Markdown (pasted into docs/performance.md).
import { REFERENCE_IDS, type BeforeAfter, type BenchResult } from './bench.types';
import { PROFILE_NOTE, profileTables } from './profile/profile.render';
import { referenceRatio } from './ratios';

const HEADER = ['system', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU %', 'CPU ms/req', 'main %', 'main ms/req', 'peak RSS MB', ...REFERENCE_IDS.map((id) => `× ${id}`)];

const times = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)}×`);

/** req/s for reading: slow systems (a few req/s) keep a decimal so they do not read as zero. */
export function rate(perSec: number): string {
  return perSec >= 100 ? perSec.toFixed(0) : perSec >= 1 ? perSec.toFixed(1) : perSec.toFixed(2);
}

/** The cells of every row, in HEADER order. */
export function tableCells(result: BenchResult): string[][] {
  return result.rows.map((row) => {
    if (row.status !== 'measured') return [row.system, row.scenario, row.status, ...HEADER.slice(3).map(() => '–')];
    return [
      row.system,
      row.scenario,
      rate(row.okPerSec),
      row.p50Ms.toFixed(2),
      row.p99Ms.toFixed(2),
      String(row.errors),
      row.cpuPercent.toFixed(0),
      row.cpuMsPerOk.toFixed(3),
      row.mainThreadPercent === undefined ? '–' : row.mainThreadPercent.toFixed(0),
      row.mainThreadCpuMsPerOk === undefined ? '–' : row.mainThreadCpuMsPerOk.toFixed(3),
      row.peakRssMb.toFixed(0),
      ...REFERENCE_IDS.map((id) => times(referenceRatio(result.rows, row, id))),
    ];
  });
}

const BEFORE_AFTER_HEADER = ['store', 'scenario', 'CPU ms/req before', 'CPU ms/req after', 'after / before'];

const cpuMs = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

function beforeAfterCells(lines: BeforeAfter[]): string[][] {
  return lines.map((l) => [l.store, l.scenario, cpuMs(l.beforeCpuMs), cpuMs(l.afterCpuMs), times(l.ratio)]);
}

const DATABASE_HEADER = ['system', 'scenario', 'server CPU ms/req', 'database CPU ms/req', 'together ms/req'];

// The rows whose database server was read (the hub on a PostgreSQL on this machine).
function databaseCells(result: BenchResult): string[][] {
  return result.rows.flatMap(({ status, system, scenario, cpuMsPerOk, dbCpuMsPerOk: db }) =>
    status === 'measured' && db !== undefined ? [[system, scenario, cpuMs(cpuMsPerOk), cpuMs(db), cpuMs(cpuMsPerOk + db)]] : [],
  );
}

/** Why a store's baseline has no figures (skipped, not built, failed), one line per such store. */
function baselineNotes(result: BenchResult): string[] {
  return result.systems.filter((s) => s.system.endsWith('-before') && s.status !== 'measured').map((s) => `${s.system}: ${s.status}: ${s.note ?? ''}`);
}

function alignedText(header: string[], cells: string[][]): string[] {
  const rows = [header, ...cells];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}

/** The results table as aligned plain text, followed by the targets. */
export function renderText(result: BenchResult): string {
  const out = [`scim-hub bench (${result.mode}) — ${result.startedAt}`, ...alignedText(HEADER, tableCells(result))];
  if (result.beforeAfter.length || baselineNotes(result).length) {
    out.push('', 'CPU ms per request, before → after (baseline build → this build):');
    if (result.beforeAfter.length) out.push(...alignedText(BEFORE_AFTER_HEADER, beforeAfterCells(result.beforeAfter)));
    out.push(...baselineNotes(result).map((n) => `  ${n}`));
  }
  if (databaseCells(result).length) {
    out.push('', 'CPU ms per request of the database server on this machine (all its processes), beside the server\'s own:');
    out.push(...alignedText(DATABASE_HEADER, databaseCells(result)));
  }
  for (const table of profileTables(result)) {
    out.push('', `where ${table.system}'s CPU went (share of the profile's busy samples; --profile):`, ...alignedText(table.header, table.cells));
  }
  const memory = result.systems.filter((s) => s.rssGroupMembers > 0);
  if (memory.length) out.push('', 'peak RSS after growing a second group (the whole run\'s peak):');
  for (const s of memory) out.push(`  ${s.system}: ${s.finalPeakRssMb.toFixed(0)} MB with ${s.usersLoaded} users, ${s.groupsLoaded} groups and a ${s.rssGroupMembers}-member group`);
  out.push('', `targets (reported, not asserted${result.mode === 'quick' ? '; quick sizes, so not the targets\' conditions' : ''}):`);
  for (const t of result.targets) out.push(`  [${t.verdict}] ${t.system}: ${t.target} — ${t.detail}`);
  const notes = result.systems.filter((s) => s.note).map((s) => `  ${s.system}: ${s.status}: ${s.note}`);
  if (notes.length) out.push('', 'notes:', ...notes);
  return out.join('\n');
}

const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

function mdTable(header: string[], rows: string[][], leftColumns = 2): string[] {
  return [md(header), md(header.map((_, i) => (i < leftColumns ? '---' : '---:'))), ...rows.map(md)];
}

function machineSection(result: BenchResult): string[] {
  const m = result.machine;
  return [
    '## Machine (read at run time)',
    '',
    `- CPUs (\`nproc\`): ${m.nproc} — ${m.cpuModel}`,
    `- Node.js: ${m.node}; OS: ${m.platform}`,
    '- Memory (`free -h`):',
    '',
    '```',
    m.memory,
    '```',
    '',
    'The load generator (autocannon, programmatic API) runs in the harness process on the same machine; each system',
    'is a separate child process on 127.0.0.1, measured one after another with the same requests.',
  ];
}

/** The whole run as Markdown: machine, settings, results, preload, targets and notes. */
export function renderMarkdown(result: BenchResult): string {
  const out = [`# scim-hub benchmark — ${result.mode} run, ${result.startedAt}`, ''];
  if (result.mode === 'quick') out.push('> Quick run: tiny sizes that prove the harness works. These figures say nothing about the targets.', '');
  out.push(...machineSection(result), '', '## Settings', '');
  out.push(Object.entries(result.settings).map(([k, v]) => `${k} ${v}`).join(', '), '');
  out.push('## Results', '', ...mdTable(HEADER, tableCells(result)), '');
  out.push(
    'req/s counts 2xx answers with a right body; p50/p99 are per-request latencies of 2xx answers (max is in the',
    'JSON); errors are non-2xx answers, connection errors, timeouts and wrong bodies; CPU % is the server process\'s',
    'CPU time (/proc/<pid>/stat utime + stime) over the time to the last answer (100 = one core); CPU ms/req divides',
    'it by the successful requests; main % and main ms/req are the same for the server\'s main thread alone (the one',
    'running the event loop and all JavaScript: near 100 %, it is what bounds the server); peak RSS is the server\'s',
    'VmHWM after the scenario; × ceiling, × durable and',
    '× peer compare req/s in the same scenario. n/a: the system does not serve the scenario (the durable ceiling',
    'serves user creates and filters only).',
    '',
  );
  if (result.beforeAfter.length || baselineNotes(result).length) {
    out.push('## CPU ms per request, before → after', '', 'The baseline hub build (BENCH_BASELINE_MAIN, same Node.js options) against this build, in the same run.', '');
    if (result.beforeAfter.length) out.push(...mdTable(BEFORE_AFTER_HEADER, beforeAfterCells(result.beforeAfter)), '');
    out.push(...baselineNotes(result).map((n) => `- ${n}`));
    if (baselineNotes(result).length) out.push('');
  }
  if (databaseCells(result).length) {
    out.push(
      '## Database server CPU',
      '',
      'The CPU of the database server on this machine (every PostgreSQL process, ended backends included) per successful',
      'request, beside the server process\'s own: the price of a request on PostgreSQL is both.',
      '',
      ...mdTable(DATABASE_HEADER, databaseCells(result)),
      '',
    );
  }
  const profiles = profileTables(result);
  if (profiles.length) {
    out.push('## Where the CPU goes (--profile)', '', ...PROFILE_NOTE, '');
    for (const table of profiles) out.push(`### ${table.system}`, '', ...mdTable(table.header, table.cells, 1), '');
  }
  out.push('## Preload and memory', '');
  const preload = result.systems.map((s) => [
    s.system,
    s.status,
    String(s.usersLoaded),
    s.usersPreloadPerSec.toFixed(0),
    String(s.groupsLoaded),
    s.loadedPeakRssMb.toFixed(0),
    s.rssGroupMembers ? String(s.rssGroupMembers) : '–',
    s.rssGroupMembers ? s.finalPeakRssMb.toFixed(0) : '–',
  ]);
  const preloadHeader = ['system', 'status', 'users', 'users/s (preload)', 'groups', 'peak RSS MB after load', 'second group members', 'peak RSS MB at the end'];
  out.push(...mdTable(preloadHeader, preload), '');
  out.push('"peak RSS MB at the end" is VmHWM after the scenarios and after growing a second group to the members shown:', 'the peak of the whole run, with every user, group and that group present.', '');
  out.push('## Targets (reported, not asserted)', '', ...mdTable(['system', 'target', 'verdict', 'detail'], result.targets.map((t) => [t.system, t.target, t.verdict, t.detail]), 4));
  const notes = result.systems.filter((s) => s.note).map((s) => `- ${s.system}: ${s.status}: ${s.note}`);
  if (notes.length) out.push('', '## Notes', '', ...notes);
  return out.join('\n') + '\n';
}
