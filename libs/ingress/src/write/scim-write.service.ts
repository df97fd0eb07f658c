import { randomUUID } from 'node:crypto';
import type { Position, Subscription } from '@scim-hub/event-store';
import {
  ignoredPatchAttributes,
  normalizeResourceWithReport,
  parsePatchRequest,
  type ResourceSchema,
  type ScimResource,
} from '@scim-hub/scim';
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
 * after a 2xx reflects it (DESIGN.md: a client sees its own writes).
 */
export class ScimWriteService {
  constructor(
    private readonly writer: ResourceWriter,
    private readonly reader: ResourceReader,
    private readonly projection: Pick<Subscription, 'waitFor'>,
    private readonly schemas: Record<ResourceType, ResourceSchema>,
    private readonly waitMs: number,
    private readonly strictSchema = false,
  ) {}

  async create(ctx: WriteContext, type: ResourceType, body: unknown): Promise<WrittenResource> {
    const { resource, ignoredAttributes } = normalizeResourceWithReport(body, this.schemas[type], { strictSchema: this.strictSchema });
    const id = randomUUID();
    const outcome = await this.writer.execute({ ...ctx, ignoredAttributes }, type, id, { kind: 'create', id, resource });
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
    // ENTRA.md §42: group PATCH answers 204 — no need to read the (possibly huge) group back.
    if (type === 'Group') return void (await this.settle(outcome.position));
    return this.written(ctx, type, outcome);
  }

  async delete(ctx: WriteContext, type: ResourceType, id: string, ifMatch?: number[]): Promise<void> {
    const outcome = await this.writer.execute(ctx, type, id, { kind: 'delete' }, ifMatch);
    await this.settle(outcome.position);
  }

  private async written(ctx: WriteContext, type: ResourceType, outcome: WriteOutcome): Promise<WrittenResource> {
    await this.settle(outcome.position);
    const { resource, version } = await this.reader.get(ctx.tenant, type, outcome.id, {});
    return { id: outcome.id, resource, version };
  }

  private async settle(position: Position | undefined): Promise<void> {
    if (position) await this.projection.waitFor(position, this.waitMs);
  }
}
