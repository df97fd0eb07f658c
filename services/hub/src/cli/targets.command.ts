// `scim-hub targets …`. Configuration commands (add, list, show, remove) write and read target events in the
// store directly, like `tokens`: they work while the hub is stopped, and a running hub picks the change up
// from its log. Live commands (status, parked, redrive, reconcile) ask the running hub's admin API, because
// delivery state lives in its engine: HUB_PUBLIC_URL with HUB_ADMIN_TOKEN.
import { readFileSync } from 'node:fs';
import type { HubConfig } from '@scim-hub/platform/config';
import {
  parseTargetBody,
  type TargetRegistry,
  TargetExists,
  TargetNotFound,
  TargetValidationError,
  type TargetView,
} from '@scim-hub/targets';
import { type CliIo, EXIT, UsageError } from './cli-io';
import { type AdminApi, callAdminApi } from './admin-api.client';

/** Parsed options of `scim-hub targets ...`. */
export interface TargetsArgs {
  readonly action: string | undefined;
  readonly positionals: readonly string[];
  readonly id?: string;
  readonly baseUrl?: string;
  readonly token?: string;
  readonly tenant?: string;
  readonly file?: string;
  readonly resource?: string;
  readonly dryRun: boolean;
  readonly json: boolean;
}

/** How the command reaches the store (configuration commands) and the running hub (live commands). */
export interface TargetsDeps {
  openRegistry(config: HubConfig): Promise<{ registry: TargetRegistry; close(): Promise<void> }>;
  adminApi: AdminApi;
}

const LIVE = new Set(['status', 'parked', 'redrive', 'reconcile']);
const CONFIG = new Set(['add', 'list', 'show', 'remove']);

/** Runs one `targets` command; returns the exit code. */
export async function runTargets(args: TargetsArgs, config: HubConfig, deps: TargetsDeps, io: CliIo): Promise<number> {
  if (args.action && LIVE.has(args.action)) return runLive(args, config, deps.adminApi, io);
  if (!args.action || !CONFIG.has(args.action)) {
    throw new UsageError(args.action ? `unknown targets command "${args.action}"` : 'missing targets command');
  }
  const body = args.action === 'add' ? addBody(args) : undefined;
  const { registry, close } = await deps.openRegistry(config);
  try {
    return await runConfig(args, registry, body, io);
  } finally {
    await close();
  }
}

async function runConfig(args: TargetsArgs, registry: TargetRegistry, body: unknown, io: CliIo): Promise<number> {
  try {
    switch (args.action) {
      case 'add': {
        const view = await registry.add(parseTargetBody(body), { actor: 'cli' });
        io.out(args.json ? `${JSON.stringify(view)}\n` : `Added target ${view.id} (tenant ${view.tenant}) → ${view.baseUrl}.\n`);
        return EXIT.ok;
      }
      case 'list': {
        const views = registry.views(args.tenant);
        io.out(args.json ? `${JSON.stringify(views)}\n` : views.length === 0 ? 'no targets\n' : table(views));
        return EXIT.ok;
      }
      case 'show':
        return show(registry, onlyId(args), io);
      default:
        await registry.remove(onlyId(args), { actor: 'cli' });
        io.out(`Removed target ${onlyId(args)}.\n`);
        return EXIT.ok;
    }
  } catch (error) {
    if (error instanceof TargetValidationError) throw new UsageError(error.message);
    if (error instanceof TargetExists || error instanceof TargetNotFound) return fail(io, error.message);
    throw error;
  }
}

function show(registry: TargetRegistry, id: string, io: CliIo): number {
  const view = registry.view(id);
  if (!view) return fail(io, `target ${id} not found`);
  io.out(`${JSON.stringify(view, null, 2)}\n`);
  return EXIT.ok;
}

// --file gives the whole body; the flags fill in or override its id, tenant, baseUrl and bearer token.
function addBody(args: TargetsArgs): Record<string, unknown> {
  const body = args.file ? readBodyFile(args.file) : {};
  if (args.id !== undefined) body.id = args.id;
  if (args.tenant !== undefined) body.tenant = args.tenant;
  if (args.baseUrl !== undefined) body.baseUrl = args.baseUrl;
  if (args.token !== undefined) body.auth = { type: 'bearer', token: args.token };
  if (body.id === undefined || body.baseUrl === undefined || body.auth === undefined) {
    throw new UsageError('targets add needs --id, --base-url and --token (or a --file body that has them)');
  }
  return body;
}

function readBodyFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--file ${path}: must hold one target body (a JSON object)`);
  return parsed as Record<string, unknown>;
}

async function runLive(args: TargetsArgs, config: HubConfig, api: AdminApi, io: CliIo): Promise<number> {
  const id = encodeURIComponent(onlyId(args));
  if (!config.adminToken) throw new UsageError(`targets ${args.action} asks the running hub: set HUB_ADMIN_TOKEN (and HUB_PUBLIC_URL)`);
  const call = (method: 'GET' | 'POST', path: string) => callAdminApi(api, config, method, `/admin/targets/${id}${path}`);
  const answer =
    args.action === 'status'
      ? await call('GET', '/status')
      : args.action === 'parked'
        ? await call('GET', '/parked')
        : args.action === 'redrive'
          ? await call('POST', `/parked/redrive${args.resource ? `?resource=${encodeURIComponent(args.resource)}` : ''}`)
          : await call('POST', `/reconcile?dryRun=${args.dryRun}`);
  if (!answer.ok) return fail(io, answer.message);
  io.out(`${JSON.stringify(answer.body, null, args.json ? undefined : 2)}\n`);
  return EXIT.ok;
}

function onlyId(args: TargetsArgs): string {
  const [id, ...extra] = args.positionals;
  if (!id || extra.length > 0) throw new UsageError(`targets ${args.action} needs exactly one target id`);
  return id;
}

function fail(io: CliIo, message: string): number {
  io.err(`scim-hub: ${message}\n`);
  return EXIT.failed;
}

function table(views: TargetView[]): string {
  const rows = [['ID', 'TENANT', 'ENABLED', 'TYPES', 'BASE URL'], ...views.map((v) => [v.id, v.tenant, String(v.enabled), v.resourceTypes.join(','), v.baseUrl])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}
