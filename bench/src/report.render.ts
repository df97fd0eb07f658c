// Renders a run as a plain-text table (stdout) and as Markdown (pasted into docs/performance.md).
import type { BenchResult, ResultRow } from './bench.types';

const HEADER = ['system', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU %', 'CPU ms/req', 'peak RSS MB', '× ceiling', '× peer'];

function ratio(row: ResultRow, base: ResultRow | undefined): string {
  if (row.status !== 'measured' || base?.status !== 'measured' || base.okPerSec === 0) return '–';
  return `${(row.okPerSec / base.okPerSec).toFixed(2)}×`;
}

// Slow systems (a few req/s) keep a decimal so they do not read as zero.
function rate(perSec: number): string {
  return perSec >= 100 ? perSec.toFixed(0) : perSec >= 1 ? perSec.toFixed(1) : perSec.toFixed(2);
}

/** The cells of every row, in HEADER order. */
export function tableCells(result: BenchResult): string[][] {
  const base = (system: string, row: ResultRow) => result.rows.find((r) => r.system === system && r.scenario === row.scenario);
  return result.rows.map((row) => {
    if (row.status !== 'measured') return [row.system, row.scenario, row.status, '–', '–', '–', '–', '–', '–', '–', '–'];
    return [
      row.system,
      row.scenario,
      rate(row.okPerSec),
      row.p50Ms.toFixed(2),
      row.p99Ms.toFixed(2),
      String(row.errors),
      row.cpuPercent.toFixed(0),
      row.cpuMsPerOk.toFixed(3),
      row.peakRssMb.toFixed(0),
      ratio(row, base('ceiling', row)),
      ratio(row, base('peer', row)),
    ];
  });
}

/** The results table as aligned plain text, followed by the targets. */
export function renderText(result: BenchResult): string {
  const rows = [HEADER, ...tableCells(result)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [`scim-hub bench (${result.mode}) — ${result.startedAt}`, line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
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
    'it by the successful requests; peak RSS is the server\'s VmHWM after the scenario; × ceiling and × peer compare',
    'req/s in the same scenario.',
    '',
    '## Preload',
    '',
  );
  const preload = result.systems.map((s) => [s.system, s.status, String(s.usersLoaded), s.usersPreloadPerSec.toFixed(0), String(s.groupsLoaded), s.loadedPeakRssMb.toFixed(0)]);
  out.push(...mdTable(['system', 'status', 'users', 'users/s (preload)', 'groups', 'peak RSS MB after load'], preload), '');
  out.push('## Targets (reported, not asserted)', '', ...mdTable(['system', 'target', 'verdict', 'detail'], result.targets.map((t) => [t.system, t.target, t.verdict, t.detail]), 4));
  const notes = result.systems.filter((s) => s.note).map((s) => `- ${s.system}: ${s.status}: ${s.note}`);
  if (notes.length) out.push('', '## Notes', '', ...notes);
  return out.join('\n') + '\n';
}
