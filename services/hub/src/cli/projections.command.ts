// `scim-hub projections …` drives a running hub through its admin API (/admin/projections), so that a
// rebuild runs in the process that holds the projection's lease while the hub keeps serving.
import { type CliIo, EXIT, UsageError } from './cli-io';

/** Parsed options of `scim-hub projections ...`. */
export interface ProjectionsArgs {
  readonly action: string | undefined;
  readonly positionals: readonly string[];
  readonly from?: string;
  /** Base URL of the hub; default http://127.0.0.1:<HUB_PORT>. */
  readonly url?: string;
  readonly wait: boolean;
  readonly json: boolean;
}

/** What the command needs from the hub's configuration. */
export interface ProjectionsTarget {
  readonly port: number;
  readonly adminToken?: string;
}

interface Status {
  name: string;
  state: string;
  source?: string;
  position?: string;
  lagEvents: number;
  lagEventsCapped: boolean;
  lagSeconds: number;
  lastError?: { message: string; position?: string; at: string };
  rebuild?: { applied: number };
}

const WAIT_POLL_MS = 500;

/** Runs `projections list|status|rebuild|replay`; returns the exit code. */
export async function runProjections(args: ProjectionsArgs, target: ProjectionsTarget, io: CliIo): Promise<number> {
  if (!target.adminToken) throw new UsageError('projections commands call the hub admin API: set HUB_ADMIN_TOKEN');
  const api = new AdminApi(args.url ?? `http://127.0.0.1:${target.port}`, target.adminToken);
  const name = args.action === 'list' ? undefined : oneName(args);
  switch (args.action) {
    case 'list':
      return print(io, args, (await api.call<{ projections: Status[] }>('GET', '/admin/projections')).projections);
    case 'status':
      return print(io, args, [await api.call<Status>('GET', `/admin/projections/${name}`)]);
    case 'rebuild':
      return finish(io, args, api, await api.call<Status>('POST', `/admin/projections/${name}/rebuild`));
    case 'replay':
      if (!args.from) throw new UsageError('projections replay needs --from <0 | commit:prepare | ISO time>');
      return finish(io, args, api, await api.call<Status>('POST', `/admin/projections/${name}/replay`, { from: args.from }));
    default:
      throw new UsageError(args.action ? `unknown projections command "${args.action}"` : 'missing projections command');
  }
}

function oneName(args: ProjectionsArgs): string {
  const [name, ...extra] = args.positionals;
  if (!name || extra.length > 0) throw new UsageError(`projections ${args.action ?? ''} needs exactly one projection name`);
  return encodeURIComponent(name);
}

// Without --wait the command returns once the hub has started the work; with it, once the projection is live again.
async function finish(io: CliIo, args: ProjectionsArgs, api: AdminApi, started: Status): Promise<number> {
  let status = started;
  while (args.wait && status.state === 'rebuilding') {
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    status = await api.call<Status>('GET', `/admin/projections/${encodeURIComponent(status.name)}`);
  }
  print(io, args, [status]);
  return args.wait && status.lastError?.message.startsWith('rebuild failed') ? EXIT.failed : EXIT.ok;
}

function print(io: CliIo, args: ProjectionsArgs, statuses: Status[]): number {
  if (args.json) io.out(`${JSON.stringify(statuses.length === 1 && args.action !== 'list' ? statuses[0] : statuses)}\n`);
  else for (const s of statuses) io.out(`${line(s)}\n`);
  return EXIT.ok;
}

function line(s: Status): string {
  const lag = `${s.lagEvents}${s.lagEventsCapped ? '+' : ''} events / ${s.lagSeconds.toFixed(1)} s behind`;
  const parts = [s.name.padEnd(12), s.state.padEnd(10), `from ${s.source ?? 'log'}`, `at ${s.position ?? '-'}`, lag];
  if (s.rebuild) parts.push(`rebuilding: ${s.rebuild.applied} events applied`);
  if (s.lastError) parts.push(`last error${s.lastError.position ? ` at ${s.lastError.position}` : ''}: ${s.lastError.message}`);
  return parts.join('  ');
}

class AdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}${path}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).catch((error: unknown) => {
      throw new Error(`cannot reach the hub at ${this.baseUrl} (is it running? --url sets another address): ${(error as Error).message}`);
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${detailOf(text)}`);
    return JSON.parse(text) as T;
  }
}

function detailOf(text: string): string {
  try {
    return String((JSON.parse(text) as { detail?: unknown }).detail ?? text);
  } catch {
    return text;
  }
}
