// The target registry: the fold of every `<tenant>/Target/<id>` stream, kept current by a catch-up
// subscription, so a target written by another process (the CLI while the hub runs, another replica) is seen
// too. Writes append an audited event and wait until the subscription has applied it (read your writes).
import { uuidV7 } from '@scim-hub/platform/ids';
import type { EventStore, NewEvent, Position, RecordedEvent, Subscription } from '@scim-hub/event-store';
import { StreamRevisionConflict } from '@scim-hub/event-store';
import type { TargetDefinition, TargetSource } from '@scim-hub/outbound';
import type { SecretCipher } from './secret-cipher';
import { parseTargetStreamId, TARGET_EVENT_SCHEMA_VERSION, type TargetEvent, targetStreamId } from './target.events';
import { type TargetView, viewOf } from './target.view';
import type { TargetInput } from './target-input';
import { SecretsKeyMissing, TargetChangedConcurrently, TargetExists, TargetNotFound } from './target-registry.errors';
import { openTarget, sealTarget } from './target-sealing';
import { evolveTargets, initialTargetState, type TargetRecord } from './target-state';
import { sameDefinition } from './target-equality';

/** Who changes a target, for the event metadata (the audit trail). */
export interface ChangeMetadata {
  /** `admin` (admin API), `cli`, `file` (HUB_TARGETS_FILE), or a token id. */
  actor: string;
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
}

/** Options of TargetRegistry.open. */
export interface TargetRegistryOptions {
  /** Reports a target whose secret cannot be opened (it is left out of `list()`), or a failed subscription batch. */
  onError?: (error: unknown, targetId?: string) => void;
  /** Events per read while catching up (default 1000). */
  batchSize?: number;
}

/** Targets per tenant, stored as events; implements the dispatcher's TargetSource. */
export class TargetRegistry implements TargetSource {
  private readonly state = initialTargetState();
  private readonly listeners = new Set<() => void>();
  private subscription?: Subscription;

  private constructor(
    private readonly store: EventStore,
    private readonly cipher: SecretCipher | undefined,
    private readonly options: TargetRegistryOptions,
  ) {}

  /** Reads every target stream, then follows the log; resolves once the state is current. */
  static async open(store: EventStore, cipher: SecretCipher | undefined, options: TargetRegistryOptions = {}): Promise<TargetRegistry> {
    const registry = new TargetRegistry(store, cipher, options);
    registry.subscription = store.subscribe({
      after: await registry.catchUp(),
      batchSize: options.batchSize ?? 1000,
      // Target streams sit under every tenant, so no prefix selects them; the store passes the rest over undecoded.
      accepts: (event) => parseTargetStreamId(event.streamId) !== undefined,
      handle: (events) => registry.apply(events),
      onError: (error) => options.onError?.(error),
    });
    return registry;
  }

  /** Masked views of the live targets, optionally of one tenant, ordered by id. */
  views(tenant?: string): TargetView[] {
    const records = [...this.state.live.values()].filter((r) => tenant === undefined || r.target.tenant === tenant);
    return records.sort((a, b) => (a.target.id < b.target.id ? -1 : 1)).map(viewOf);
  }

  /** The masked view of one target. */
  view(id: string): TargetView | undefined {
    const record = this.state.live.get(id);
    return record && viewOf(record);
  }

  /** TargetSource: every live target with its secrets opened; one that cannot be opened is reported and left out. */
  async list(): Promise<TargetDefinition[]> {
    const definitions: TargetDefinition[] = [];
    for (const record of this.state.live.values()) {
      try {
        definitions.push(this.open(record));
      } catch (error) {
        this.options.onError?.(error, record.target.id);
      }
    }
    return definitions;
  }

  /** TargetSource: `listener` runs after every batch of the log that changed a target. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Registers a target; TargetExists when a live target (of any tenant) has the id. */
  async add(input: TargetInput, meta: ChangeMetadata): Promise<TargetView> {
    const existing = this.state.live.get(input.id);
    if (existing) throw new TargetExists(input.id, existing.target.tenant);
    const streamId = targetStreamId(input.tenant, input.id);
    const target = sealTarget(input, this.requireCipher(), streamId);
    await this.append(streamId, { type: 'TargetAdded', data: { target } }, input.tenant, meta);
    return this.view(input.id) as TargetView;
  }

  /**
   * Replaces a target's configuration (secrets left out are kept). Moving a target to another tenant is a
   * remove and an add. Writes nothing when the result equals the current configuration.
   */
  async change(id: string, input: TargetInput, meta: ChangeMetadata): Promise<{ view: TargetView; changed: boolean }> {
    const record = this.record(id);
    const target = sealTarget({ ...input, id }, this.requireCipher(), record.streamId, record.target);
    if (input.tenant !== record.target.tenant) {
      await this.remove(id, meta);
      return { view: await this.add({ ...input, id }, meta), changed: true };
    }
    if (sameDefinition(this.open(record), openTarget(target, this.requireCipher(), record.streamId))) {
      return { view: viewOf(record), changed: false };
    }
    await this.append(record.streamId, { type: 'TargetChanged', data: { target } }, record.target.tenant, meta);
    return { view: this.view(id) as TargetView, changed: true };
  }

  /** Removes a target; TargetNotFound when none has the id. */
  async remove(id: string, meta: ChangeMetadata): Promise<void> {
    const record = this.record(id);
    await this.append(record.streamId, { type: 'TargetRemoved', data: { id } }, record.target.tenant, meta);
  }

  /** The target's definition with secrets opened (for the dispatcher and for comparisons). */
  definition(id: string): TargetDefinition | undefined {
    const record = this.state.live.get(id);
    return record && this.open(record);
  }

  /** Stops following the log. */
  async close(): Promise<void> {
    await this.subscription?.stop();
  }

  private record(id: string): TargetRecord {
    const record = this.state.live.get(id);
    if (!record) throw new TargetNotFound(id);
    return record;
  }

  private open(record: TargetRecord): TargetDefinition {
    return openTarget(record.target, this.requireCipher(), record.streamId);
  }

  private requireCipher(): SecretCipher {
    if (!this.cipher) throw new SecretsKeyMissing();
    return this.cipher;
  }

  private async append(streamId: string, event: TargetEvent, tenant: string, meta: ChangeMetadata): Promise<void> {
    const expected = this.state.revisions.get(streamId) ?? 'no_stream';
    const recorded: NewEvent = {
      id: uuidV7(),
      type: event.type,
      schemaVersion: TARGET_EVENT_SCHEMA_VERSION,
      data: event.data as unknown as NewEvent['data'],
      metadata: { tenant, ...stripUndefined(meta), time: new Date().toISOString() },
    };
    try {
      const result = await this.store.appendToStream(streamId, expected, [recorded]);
      await this.subscription?.waitFor(result.position);
    } catch (error) {
      if (!(error instanceof StreamRevisionConflict)) throw error;
      // Another process wrote first: catch up, so that a retry decides on the current state.
      await this.sync();
      throw new TargetChangedConcurrently(streamId.split('/').at(-1) as string);
    }
  }

  /** Resolves once every event appended so far (by any process) has been applied. */
  async sync(): Promise<void> {
    let last: Position | undefined;
    let after = this.subscription?.position;
    for (;;) {
      const page = await this.store.readAll({ ...(after ? { after } : {}), maxCount: this.options.batchSize ?? 1000 });
      if (page.length === 0) break;
      last = after = page[page.length - 1].position;
    }
    if (last) await this.subscription?.waitFor(last);
  }

  private async catchUp(): Promise<Position | undefined> {
    let after: Position | undefined;
    for (;;) {
      const page = await this.store.readAll({ ...(after ? { after } : {}), maxCount: this.options.batchSize ?? 1000 });
      if (page.length === 0) return after;
      for (const event of page) evolveTargets(this.state, event);
      after = page[page.length - 1].position;
    }
  }

  private apply(events: RecordedEvent[]): void {
    let changed = false;
    for (const event of events) changed = evolveTargets(this.state, event) || changed;
    if (changed) for (const listener of this.listeners) listener();
  }
}

function stripUndefined(meta: ChangeMetadata): Record<string, string> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
