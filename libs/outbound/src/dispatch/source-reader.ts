// The desired state of a resource: events carry deltas, so the dispatcher folds the resource's stream with
// the identity domain's own applyIdentityEvent and delivers the resource as it is now. Delivering the latest
// state (rather than each delta) keeps order per resource and makes a repeated delivery a no-op.
import type { EventStore, RecordedEvent } from '@scim-hub/event-store';
import { applyIdentityEvent, isIdentityEventType, upcast } from '@scim-hub/identity';
import type { MemberRef, ScimResource } from '@scim-hub/scim';
import { resourceKeyOf, streamOf, tenantPrefixes, type ResourceKey } from './resource-key';

/** Folds recorded identity events into the resource they describe (undefined: never created, or deleted). */
export function foldResource(events: readonly RecordedEvent[]): ScimResource | undefined {
  let resource: ScimResource | undefined;
  for (const event of events) if (isIdentityEventType(event.type)) resource = applyIdentityEvent(resource, upcast(event));
  return resource;
}

/** Member values of a group resource. */
export function memberValues(group: ScimResource | undefined): string[] {
  return ((group?.['members'] ?? []) as unknown as MemberRef[]).map((member) => member.value);
}

/** Folded resources kept per reader, so a long stream (a big group's member changes) is not re-read per event. */
const CACHE_SIZE = 5000;

interface Folded {
  /** Revision of the last event folded in; -1 for an empty stream. */
  revision: number;
  resource: ScimResource | undefined;
  /** Its personal data was erased (its events read as `{ erased: true }`, docs/audit.md). */
  erased: boolean;
}

/** Reads a tenant's resources from the event store. */
export class SourceReader {
  private readonly cache = new Map<string, Folded>();

  constructor(
    private readonly store: EventStore,
    private readonly tenant: string,
  ) {}

  /** The resource as it is now: the cached fold plus the events appended since. */
  async current(key: ResourceKey): Promise<ScimResource | undefined> {
    const streamId = streamOf(this.tenant, key);
    const cached = this.cache.get(streamId) ?? { revision: -1, resource: undefined, erased: false };
    const events = await this.store.readStream(streamId, { fromRevision: cached.revision + 1 });
    let resource = cached.resource;
    for (const event of events) if (isIdentityEventType(event.type)) resource = applyIdentityEvent(resource, upcast(event));
    const erased = cached.erased || events.some((event) => event.data['erased'] === true);
    const folded = { revision: events.at(-1)?.revision ?? cached.revision, resource, erased };
    this.cache.delete(streamId);
    this.cache.set(streamId, folded);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return resource;
  }

  /** Whether the resource's personal data was erased; answers for a resource `current` has just read. */
  wasErased(key: ResourceKey): boolean {
    return this.cache.get(streamOf(this.tenant, key))?.erased ?? false;
  }

  /** Every value that was ever a member of the group (a scope group's change re-evaluates all of them). */
  async everMembers(groupId: string): Promise<string[]> {
    const values = new Set<string>();
    for (const event of await this.store.readStream(streamOf(this.tenant, { resourceType: 'Groups', sourceId: groupId }))) {
      const data = event.data as { members?: MemberRef[]; values?: string[] };
      for (const member of data.members ?? []) values.add(member.value);
      for (const value of data.values ?? []) values.add(value);
    }
    return [...values];
  }

  /** Current members of the given groups, lower-cased (member values compare case-insensitively, RFC 7643 §8.7.1). */
  async membersOf(groupIds: readonly string[]): Promise<Set<string>> {
    const members = new Set<string>();
    for (const groupId of groupIds) {
      for (const value of memberValues(await this.current({ resourceType: 'Groups', sourceId: groupId }))) members.add(value.toLowerCase());
    }
    return members;
  }

  /** Every user and group of the tenant as it is now, folded from the log (initial sync, reconciliation). */
  async all(): Promise<Map<string, { key: ResourceKey; resource: ScimResource }>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (let after: RecordedEvent['position'] | undefined; ; ) {
      const page = await this.store.readAll({ after, maxCount: 1000, streamPrefixes: tenantPrefixes(this.tenant) });
      for (const event of page) {
        const events = streams.get(event.streamId);
        if (events) events.push(event);
        else streams.set(event.streamId, [event]);
      }
      if (page.length < 1000) break;
      after = page[page.length - 1]?.position;
    }
    const resources = new Map<string, { key: ResourceKey; resource: ScimResource }>();
    for (const [streamId, events] of streams) {
      const key = resourceKeyOf(this.tenant, streamId);
      const resource = foldResource(events);
      if (key && resource) resources.set(streamId, { key, resource });
    }
    return resources;
  }
}
