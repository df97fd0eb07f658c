import { type TokenStore, openTokenStore } from '@scim-hub/access';
// The config subpath only: the CLI need not load Nest, fastify or prom-client.
import { ConfigError, loadConfig } from '@scim-hub/platform/config';
import { parseArgs } from 'node:util';
import { type CliIo, EXIT, USAGE, UsageError } from './cli-io';
import { AUDIT_OPTIONS, runAuditCommand } from './audit-cli.dispatch';
import { defaultTargetsDeps } from './targets-deps';
import { runTargets, type TargetsDeps } from './targets.command';
import { runProjections } from './projections.command';
import { runTokens } from './tokens.command';

type Env = Readonly<Record<string, string | undefined>>;
type OpenStore = (env: Env) => Promise<TokenStore>;

const defaultOpen: OpenStore = async (env) => openTokenStore(loadConfig(env));

/** Runs one CLI invocation and returns its exit code; never exits the process itself. */
export async function runCli(
  argv: readonly string[],
  env: Env,
  io: CliIo,
  open: OpenStore = defaultOpen,
  targets: TargetsDeps = defaultTargetsDeps,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tenant: { type: 'string' },
        label: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...AUDIT_OPTIONS,
        ...TARGET_OPTIONS,
        from: { type: 'string' },
        url: { type: 'string' },
        wait: { type: 'boolean' },
      },
    });
    const [command, action, ...rest] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.out(USAGE);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    if (command === 'audit' || command === 'erase') return await runAuditCommand(command, action, rest, values, env, io);
    if (command === 'targets') {
      return await runTargets({ ...targetArgs(values), action, positionals: rest, tenant: values.tenant, json: values.json ?? false }, loadConfig(env), targets, io);
    }
    if (command === 'projections') {
      const { from, url, wait, json } = values;
      return await runProjections({ action, positionals: rest, from, url, wait: wait ?? false, json: json ?? false }, loadConfig(env), io);
    }
    if (command !== 'tokens') throw new UsageError(`unknown command "${command}"`);
    const store = await open(env);
    try {
      return await runTokens({ action, positionals: rest, tenant: values.tenant, label: values.label, json: values.json ?? false }, store, io);
    } finally {
      await store.close();
    }
  } catch (error) {
    return report(error, io);
  }
}

// Options of `targets` only (parseArgs is strict: every option of every command is declared once here).
const TARGET_OPTIONS = {
  id: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  file: { type: 'string' },
  resource: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

function targetArgs(values: Record<string, string | boolean | undefined>) {
  const text = (name: keyof typeof TARGET_OPTIONS) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return { id: text('id'), baseUrl: text('base-url'), token: text('token'), file: text('file'), resource: text('resource'), dryRun: values['dry-run'] === true };
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`scim-hub: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    io.err(`scim-hub: ${error.message}\n`);
    return EXIT.failed;
  }
  io.err(`scim-hub: ${(error as Error).message ?? String(error)}\n`);
  return EXIT.failed;
}
