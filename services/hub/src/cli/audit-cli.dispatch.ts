// `scim-hub audit …` and `scim-hub erase …`: option parsing and the stores they open. The commands are
// loaded on demand, so `tokens` commands never load the event store or the write side.
import { isScimError } from '@scim-hub/scim';
import { loadConfig } from '@scim-hub/platform/config';
import { type CliIo, UsageError } from './cli-io';

type Env = Readonly<Record<string, string | undefined>>;

/** The options of the audit and erase commands (parseArgs form). */
export const AUDIT_OPTIONS = {
  at: { type: 'string' },
  actor: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  type: { type: 'string' },
  'start-index': { type: 'string' },
  count: { type: 'string' },
} as const;

type Values = { [K in keyof typeof AUDIT_OPTIONS]?: string } & { tenant?: string; json?: boolean };

/** Runs one audit or erase command; a bad option value (400 from the shared parser) is a usage error. */
export async function runAuditCommand(command: 'audit' | 'erase', action: string | undefined, rest: string[], values: Values, env: Env, io: CliIo): Promise<number> {
  const config = loadConfig(env);
  const query = { tenant: values.tenant, at: values.at, actor: values.actor, since: values.since, until: values.until, type: values.type, startIndex: values['start-index'], count: values.count };
  const { openAuditCliContext } = await import('./audit-cli.context');
  const ctx = await openAuditCliContext(config);
  try {
    if (command === 'erase') {
      const { runErase } = await import('./erase.command');
      return await runErase(action, rest, query, ctx, io);
    }
    const [{ runAudit }, { loadCustomSchemas }, { resourceSchemasWith }, { SCIM_BASE_PATH }] = await Promise.all([
      import('./audit.command'),
      import('../compose/custom-schemas.loader'),
      import('@scim-hub/scim'),
      import('@scim-hub/ingress'),
    ]);
    const schemas = resourceSchemasWith(loadCustomSchemas(config.customSchemasFile));
    return await runAudit({ action, positionals: rest, query, json: values.json ?? false, scimBaseUrl: `${config.publicUrl}${SCIM_BASE_PATH}`, schemas }, ctx.reader, io);
  } catch (error) {
    if (isScimError(error) && error.status === 400) throw new UsageError(error.message);
    throw error;
  } finally {
    await ctx.close();
  }
}
