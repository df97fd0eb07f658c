import { uuidV7 } from '@scim-hub/platform/ids';
import type { Position, Subscription } from '@scim-hub/event-store';
import {
  ignoredPatchAttributes,
  normalizeResourceWithReport,
  parsePatchRequest,
  type ResourceSchema,
  type ScimResource,
} from '@scim-hub/scim';
import { presentMembers, presentResource } from '../read/resource-presenter';
import type { ResourceReader } from '../read/resource-reader';
import type { ResourceType } from './identity-streams';
import type { ResourceWriter, WriteOutcome } from './resource-writer';
import type { WriteContext } from './write-context';

/** The resource as stored after a write, ready for the response. */
export interface WrittenResource {
  id: string;
  resource: ScimResource;
  version: number;
}

/**
 * Turns HTTP bodies into domain intents (validation and PATCH parsing are the protocol library's), runs
 * them through the writer, and waits until the read model has the write, so that a GET or filter right
 * after a 2xx reflects it (docs/architecture.md: a client sees its own writes).
 */
export class ScimWriteService {
  constructor(
    private readonly writer: ResourceWriter,
    private readonly reader: ResourceReader,
    private readonly projection: Pick<Subscription, 'waitFor'>,
    private readonly schemas: Record<ResourceType, ResourceSchema>,
    private readonly waitMs: number,
    private readonly publicUrl: string,
    private readonly strictSchema = false,
  ) {}

  async create(ctx: WriteContext, type: ResourceType, body: unknown): Promise<WrittenResource> {
    const { resource, ignoredAttributes } = normalizeResourceWithReport(body, this.schemas[type], { strictSchema: this.strictSchema });
    const id = uuidV7();
    const outcome = await this.writer.execute({ ...ctx, ignoredAttributes }, type, id, { kind: 'create', id, resource });
    // A new user is in no group yet (a group can only name members that exist), so the read model would show
    // exactly the decided state: answer from it once the read model has the write (or the wait ran out, when
    // that state is the answer anyway), without reading it back.
    if (type === 'User' && outcome.decided) {
      await this.settle(outcome.position);
      return this.decided(ctx, type, outcome);
    }
    const written = await this.written(ctx, type, outcome);
    // A new group is answered with "members": [] (Microsoft's Entra provisioning tutorial shows it after a create);
    // everywhere else a group without members leaves the attribute out (RFC 7643 §2.5: unassigned).
    if (type === 'Group' && written.resource['members'] === undefined) written.resource = { ...written.resource, members: [] };
    return written;
  }

  async replace(ctx: WriteContext, type: ResourceType, id: string, body: unknown, ifMatch?: number[]): Promise<WrittenResource> {
    const { resource, ignoredAttributes } = normalizeResourceWithReport(body, this.schemas[type], { strictSchema: this.strictSchema });
    const outcome = await this.writer.execute({ ...ctx, ignoredAttributes }, type, id, { kind: 'replace', resource }, ifMatch);
    return this.written(ctx, type, outcome);
  }

  async patch(ctx: WriteContext, type: ResourceType, id: string, body: unknown, ifMatch?: number[]): Promise<WrittenResource | undefined> {
    const operations = parsePatchRequest(body);
    // Strict, the decider refuses these names instead; lenient, it drops them and the audit trail names them.
    const ignoredAttributes = this.strictSchema ? [] : ignoredPatchAttributes(operations, this.schemas[type]);
    const outcome = await this.writer.execute({ ...ctx, ignoredAttributes }, type, id, { kind: 'patch', operations }, ifMatch);
    // docs/entra-compatibility.md §42: group PATCH answers 204 — no need to read the (possibly huge) group back.
    if (type === 'Group') return void (await this.settle(outcome.position));
    return this.written(ctx, type, outcome);
  }

  async delete(ctx: WriteContext, type: ResourceType, id: string, ifMatch?: number[]): Promise<void> {
    const outcome = await this.writer.execute(ctx, type, id, { kind: 'delete' }, ifMatch);
    await this.settle(outcome.position);
  }

  private async written(ctx: WriteContext, type: ResourceType, outcome: WriteOutcome): Promise<WrittenResource> {
    if (await this.settle(outcome.position)) {
      try {
        const { resource, version } = await this.reader.get(ctx.tenant, type, outcome.id, {});
        return { id: outcome.id, resource, version };
      } catch (error) {
        if (!isNamed(error, 'ReadModelUnavailable') || !outcome.decided) throw error;
      }
    }
    return this.decided(ctx, type, outcome);
  }

  /**
   * The write is committed but the read model does not show it yet (docs/operations.md "Writes the read model
   * is slow to show"): answer from the state the writer decided, not with an error a client would retry into a
   * duplicate. Derived attributes the read model adds (a User's `groups`) are left out of such an answer.
   */
  private async decided(ctx: WriteContext, type: ResourceType, outcome: WriteOutcome): Promise<WrittenResource> {
    if (!outcome.decided) throw new Error(`${type} ${outcome.id}: no decided state to answer with`);
    const { resource, time } = outcome.decided;
    const created = outcome.revision === 0 ? time : ((await this.writer.createdAt(ctx.tenant, type, outcome.id)) ?? time);
    const stored = { resource, version: outcome.revision, created, lastModified: time };
    const members = resource['members'];
    const extra: Partial<ScimResource> = Array.isArray(members) ? { members: presentMembers(members, this.publicUrl) as unknown as ScimResource[string] } : {};
    return { id: outcome.id, resource: presentResource(stored, type, this.schemas[type], this.publicUrl, {}, extra), version: outcome.revision };
  }

  /** Waits until the read model has the write; false when it did not get there in time (the write stands). */
  private async settle(position: Position | undefined): Promise<boolean> {
    if (!position) return true;
    try {
      await this.projection.waitFor(position, this.waitMs);
      return true;
    } catch (error) {
      if (isNamed(error, 'WaitForTimeout')) return false;
      throw error;
    }
  }
}

// By name, like isScimError: the error classes may come from another copy of their module.
function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
