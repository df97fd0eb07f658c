import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };
// Fields every line has, or that the line's head already shows.
const OMITTED = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'context', 'err', 'stack']);

/**
 * One JSON log line as a line a person reads at a terminal: `HH:MM:SS.mmm LEVEL [context] message key=value…`,
 * an error's stack indented below it. Anything that is not a JSON object passes through unchanged.
 */
export function formatLogLine(line: string, colors = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const level = Number(entry['level']);
  const name = (LEVELS[level] ?? String(entry['level'])).padEnd(5);
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const head = [time, colors && COLORS[level] ? `\u001b[${COLORS[level]}m${name}\u001b[0m` : name];
  if (typeof entry['context'] === 'string') head.push(`[${entry['context']}]`);
  head.push(String(entry['msg'] ?? ''));
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const stack = stackOf(entry);
  return [head.join(' ') + (fields.length ? ` ${fields.join(' ')}` : ''), ...(stack ? [indent(stack)] : [])].join('\n') + '\n';
}

/** A pino destination that writes readable lines (formatLogLine) to `out`, e.g. process.stdout at a terminal. */
export function prettyLogStream(out: { write(text: string): unknown }, colors = false): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line.trimEnd(), colors)) };
}

function stackOf(entry: Record<string, unknown>): string | undefined {
  const err = entry['err'] as { stack?: unknown; message?: unknown } | undefined;
  if (typeof err?.stack === 'string') return err.stack;
  if (typeof err?.message === 'string') return err.message;
  return typeof entry['stack'] === 'string' ? entry['stack'] : undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
