import { InvalidTokenRequest, TENANT_RULE, type TokenInfo, type TokenStore, isValidTenant } from '@scim-hub/access';
import { type CliIo, EXIT, UsageError } from './cli-io';

/** Parsed options of `scim-hub tokens ...`. */
export interface TokensArgs {
  readonly action: string | undefined;
  readonly positionals: readonly string[];
  readonly tenant?: string;
  readonly label?: string;
  readonly json: boolean;
}

/** Runs `tokens create|list|revoke` against `store`; returns the exit code. */
export async function runTokens(args: TokensArgs, store: TokenStore, io: CliIo): Promise<number> {
  switch (args.action) {
    case 'create':
      return create(args, store, io);
    case 'list':
      return list(args, store, io);
    case 'revoke':
      return revoke(args, store, io);
    default:
      throw new UsageError(args.action ? `unknown tokens command "${args.action}"` : 'missing tokens command');
  }
}

async function create(args: TokensArgs, store: TokenStore, io: CliIo): Promise<number> {
  if (!args.tenant) throw new UsageError('tokens create needs --tenant <tenant>');
  if (!isValidTenant(args.tenant)) throw new UsageError(`--tenant must be ${TENANT_RULE}`);
  try {
    const created = await store.create(args.tenant, args.label ?? '');
    if (args.json) io.out(`${JSON.stringify(created)}\n`);
    else {
      io.out(`Created token ${created.id} for tenant "${created.tenant}"${created.label ? ` (${created.label})` : ''}.\n`);
      io.out('The token is shown ONCE and stored only as a hash. Paste it as Secret Token in Entra ID:\n\n');
      io.out(`  ${created.token}\n\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidTokenRequest) throw new UsageError(error.message);
    throw error;
  }
}

async function list(args: TokensArgs, store: TokenStore, io: CliIo): Promise<number> {
  if (args.tenant !== undefined && !isValidTenant(args.tenant)) throw new UsageError(`--tenant must be ${TENANT_RULE}`);
  const tokens = await store.list(args.tenant);
  if (args.json) io.out(`${JSON.stringify(tokens)}\n`);
  else io.out(tokens.length === 0 ? 'no tokens\n' : table(tokens));
  return EXIT.ok;
}

async function revoke(args: TokensArgs, store: TokenStore, io: CliIo): Promise<number> {
  const [id, ...extra] = args.positionals;
  if (!id || extra.length > 0) throw new UsageError('tokens revoke needs exactly one token id');
  if (!(await store.revoke(id))) {
    io.err(`scim-hub: token ${id} not found or already revoked\n`);
    return EXIT.failed;
  }
  io.out(`Revoked token ${id}.\n`);
  return EXIT.ok;
}

function table(tokens: TokenInfo[]): string {
  const rows = [
    ['ID', 'TENANT', 'STATUS', 'CREATED', 'LABEL'],
    ...tokens.map((t) => [t.id, t.tenant, t.revokedAt ? `revoked ${t.revokedAt}` : 'active', t.createdAt, t.label]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}
