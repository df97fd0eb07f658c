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

  projections list [--json]
      Every projection: state, checkpoint, lag, last error.
  projections status <name> [--json]
  projections rebuild <name> [--wait]
      Rebuild from position 0 into a shadow copy while the live one serves; swapped in when caught up.
  projections replay <name> --from <0 | commit:prepare | ISO time> [--wait]
      Apply the events after a position or time again (from 0: a rebuild).

Run with the hub's environment (HUB_DATA_DIR, or DATABASE_URL for PostgreSQL): the tokens commands work
directly on the token store the hub uses, the same operations as /admin/tokens. The projections commands
call the running hub's admin API (/admin/projections) with HUB_ADMIN_TOKEN, at http://127.0.0.1:<HUB_PORT>
unless --url <base URL> says otherwise.
`;

/** A command-line mistake: reported with the usage text and exit code 2. */
export class UsageError extends Error {}
