/** Where the CLI writes; process streams in production, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong (BSD sysexits-like). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Usage text of the CLI. */
export const USAGE = `usage: scim-hub <command>

  tokens create --tenant <tenant> [--label <label>] [--json]
      Create a SCIM bearer token; it is printed once and stored only as a hash.
  tokens list [--tenant <tenant>] [--json]
      List tokens (never their secrets).
  tokens revoke <id>
      Revoke a token; SCIM requests with it get 401 from then on.

  audit history <Users|Groups> <id> [--tenant <t>] [--start-index <n>] [--count <n>] [--json]
      Every event of a resource (also after deletion), oldest first.
  audit at <Users|Groups> <id> --at <revision|RFC 3339 time> [--tenant <t>]
      The resource as it was then, rebuilt from its events, in SCIM form.
  audit request <requestId> [--json]
      Everything one SCIM request (its X-Request-Id) changed.
  audit list [--tenant <t>] [--actor <a>] [--since <time>] [--until <time>] [--type <type>] [--json]
      Changes over time, oldest first.
  erase user <id> [--tenant <t>]
      GDPR erasure: delete the user, destroy its key, keep the non-personal audit facts (docs/audit.md).

  targets add --id <id> --base-url <url> --token <token> [--tenant <tenant>] [--file <body.json>] [--json]
      Register a downstream SCIM application; --file gives a whole target body (flags override its fields).
  targets list [--tenant <tenant>] [--json]
  targets show <id>
  targets remove <id>
      Target configuration: written to the hub's event store directly (the hub need not run). Credentials
      are stored encrypted and never printed.
  targets status <id>
  targets parked <id>
  targets redrive <id> [--resource <resource id>]
  targets reconcile <id> [--dry-run]
      Delivery state and controls of the RUNNING hub, through its admin API at HUB_PUBLIC_URL
      with HUB_ADMIN_TOKEN.

  projections list [--json]
      Every projection: state, checkpoint, lag, last error.
  projections status <name> [--json]
  projections rebuild <name> [--wait]
      Rebuild from position 0 into a shadow copy while the live one serves; swapped in when caught up.
  projections replay <name> --from <0 | commit:prepare | ISO time> [--wait]
      Apply the events after a position or time again (from 0: a rebuild).

Run with the hub's environment (HUB_DATA_DIR, or DATABASE_URL for PostgreSQL). tokens, audit, erase and the
targets configuration commands work directly on the stores the hub uses (the same operations as /admin/tokens,
/admin/audit, /admin/erasure and /admin/targets). The projections commands call the running hub's admin API
(/admin/projections) with HUB_ADMIN_TOKEN, at http://127.0.0.1:<HUB_PORT> unless --url <base URL> says
otherwise; the targets delivery commands call it at HUB_PUBLIC_URL.
`;

/** A command-line mistake: reported with the usage text and exit code 2. */
export class UsageError extends Error {}
