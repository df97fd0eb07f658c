import { randomUUID } from 'node:crypto';
import { type Position, type Subscription, WaitForTimeout } from '@scim-hub/event-store';
import { ScimError, normalizeResource, parsePatchRequest, type ResourceSchema, type ScimResource } from '@scim-hub/scim';
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
  ) {}

  async create(ctx: WriteContext, type: ResourceType, body: unknown): Promise<WrittenResource> {
    const resource = normalizeResource(body, this.schemas[type]);
    const id = randomUUID();
    const outcome = await this.writer.execute(ctx, type, id, { kind: 'create', id, resource });
    return this.written(ctx, type, outcome);
  }

  async replace(ctx: WriteContext, type: ResourceType, id: string, body: unknown, ifMatch?: number[]): Promise<WrittenResource> {
    const resource = normalizeResource(body, this.schemas[type]);
    const outcome = await this.writer.execute(ctx, type, id, { kind: 'replace', resource }, ifMatch);
    return this.written(ctx, type, outcome);
  }

  async patch(ctx: WriteContext, type: ResourceType, id: string, body: unknown, ifMatch?: number[]): Promise<WrittenResource | undefined> {
    const operations = parsePatchRequest(body);
    const outcome = await this.writer.execute(ctx, type, id, { kind: 'patch', operations }, ifMatch);
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

  // The change is in the log either way; a 503 (not a 500) tells the client that only the read model is late
  // (a stopped projection, or one catching up after a rebuild), so it should read again rather than re-send.
  private async settle(position: Position | undefined): Promise<void> {
    if (!position) return;
    try {
      await this.projection.waitFor(position, this.waitMs);
    } catch (error) {
      if (!(error instanceof WaitForTimeout)) throw error;
      throw new ScimError(503, undefined, `the change was recorded, but the read model did not reach it within ${this.waitMs} ms; read it again later`);
    }
  }
}
