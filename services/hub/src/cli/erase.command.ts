import { eraseUser, tenantOf, type ErasureDependencies, type RawQuery } from '@scim-hub/audit';
import type { Position } from '@scim-hub/event-store';
import { ResourceWriter } from '@scim-hub/ingress';
import { randomUUID } from 'node:crypto';
import { userDeleter } from '../compose/erasure.composition';
import { loadCustomSchemas } from '../compose/custom-schemas.loader';
import { openReadModel } from '../compose/storage.composition';
import type { AuditCliContext } from './audit-cli.context';
import { type CliIo, EXIT, UsageError } from './cli-io';

/** Actor recorded for erasures made with the CLI. */
export const CLI_ACTOR = 'cli';

/** Runs `erase user <id> [--tenant t]`; returns the exit code. */
export async function runErase(action: string | undefined, positionals: readonly string[], query: RawQuery, ctx: AuditCliContext, io: CliIo): Promise<number> {
  const [id, ...extra] = positionals;
  if (action !== 'user' || !id || extra.length > 0) throw new UsageError('usage: erase user <id> [--tenant <tenant>]');
  const notes: string[] = [];
  const deps: ErasureDependencies = {
    store: ctx.store,
    deleteUser: userDeleter(new ResourceWriter(ctx.store)),
    purge: (position) => purge(ctx, position, notes),
  };
  const outcome = await eraseUser(deps, tenantOf(query), id, { actor: CLI_ACTOR, requestId: `cli-${randomUUID()}` });
  io.out(`Erased user ${outcome.id} of tenant "${outcome.tenant}" at ${outcome.erasedAt}${outcome.keyDestroyed ? '' : ' (its key was already gone)'}.\n`);
  for (const note of notes) io.out(`${note}\n`);
  return EXIT.ok;
}

// Without a running hub the CLI brings the read model up to date itself, so the user leaves it now. A running
// embedded hub holds read-model.db exclusively: it sees the UserErased event and finishes the purge itself.
async function purge(ctx: AuditCliContext, _position: Position, notes: string[]): Promise<void> {
  await ctx.keys.purge();
  let readModel;
  try {
    readModel = await openReadModel(ctx.config, loadCustomSchemas(ctx.config.customSchemasFile));
  } catch {
    notes.push('The read model is in use by a running hub: the hub removes the user from it and purges the freed bytes.');
    return;
  }
  try {
    for (;;) {
      const events = await ctx.store.readAll({ after: await readModel.checkpoint(), maxCount: 1000 });
      if (events.length === 0) break;
      await readModel.project(events);
    }
    await readModel.purgeDeletedData?.();
  } finally {
    await readModel.close();
  }
}
