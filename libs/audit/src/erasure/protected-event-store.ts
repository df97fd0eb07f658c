// An EventStore decorator that keeps personal data erasable: user events are sealed with the user's own key
// on append and opened on read; reservation stream ids are hashed. Every adapter (SQLite, PostgreSQL,
// EventStoreDB) stores the sealed JSON as it stores any event, so erasure works the same on all of them.
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@scim-hub/event-store';
import { displaySubjects, openDisplays, sealDisplays } from './member-displays';
import { ownBuffer } from './own-buffer';
import { erasedData, storedStreamId, subjectOfStream } from './personal-streams';
import { OpenedTexts } from './opened-texts';
import { isSealed, openText, sealText } from './sealed-data';
import type { SubjectKeyStore } from './subject-key-store.port';

/** Subject of the secret that hashes reservation stream ids (not a person: never destroyed). */
export const RESERVATION_SECRET_SUBJECT = 'hub/reservation-names';

const KEY_CACHE_SIZE = 20_000;

/** The decorated store plus erasure of a subject's key. */
export interface ProtectedEventStore extends EventStore {
  /** Destroys a user stream's key: its events read as `{ erased: true }` from now on. False when it had none. */
  destroyKey(subject: string): Promise<boolean>;
  /** Drops a key from this process's cache (another process destroyed it: a UserErased event was seen). */
  forgetKey(subject: string): void;
  /** Opens events read from the inner store by another route (e.g. a Kafka topic the relay fed from the raw log). */
  openEvents(events: RecordedEvent[]): Promise<RecordedEvent[]>;
}

/** Wraps `inner` so that personal data is sealed with per-subject keys from `keys`. */
export async function protectPersonalData(inner: EventStore, keys: SubjectKeyStore): Promise<ProtectedEventStore> {
  return new PersonalDataProtection(inner, keys, await keys.keyFor(RESERVATION_SECRET_SUBJECT));
}

class PersonalDataProtection implements ProtectedEventStore {
  // Recently used keys (Map order = use order); misses are looked up once per batch.
  private readonly cache = new Map<string, Buffer>();
  private readonly opened = new OpenedTexts();

  constructor(
    private readonly inner: EventStore,
    private readonly keys: SubjectKeyStore,
    private readonly reservationSecret: Buffer,
  ) {}

  get capabilities() {
    return this.inner.capabilities;
  }

  get checkpoints() {
    return this.inner.checkpoints;
  }

  async appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    const stored = storedStreamId(streamId, this.reservationSecret);
    const result = await this.inner.appendToStream(stored, expectedRevision, await this.seal(streamId, expectedRevision, events));
    return { ...result, streamId };
  }

  async appendMulti(requests: AppendRequest[]): Promise<AppendResult[]> {
    const sealed = await Promise.all(
      requests.map(async (r) => ({ ...r, streamId: storedStreamId(r.streamId, this.reservationSecret), events: await this.seal(r.streamId, r.expectedRevision, r.events) })),
    );
    const results = await this.inner.appendMulti(sealed);
    return results.map((result, i) => ({ ...result, streamId: requests[i].streamId }));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(storedStreamId(streamId, this.reservationSecret), options);
    return (await this.openEvents(events)).map((event) => ({ ...event, streamId }));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openEvents(await this.inner.readAll(options));
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.inner.subscribe({ ...options, handle: async (events) => options.handle(await this.openEvents(events)) });
  }

  async destroyKey(subject: string): Promise<boolean> {
    this.forgetKey(subject);
    return this.keys.destroy(subject);
  }

  forgetKey(subject: string): void {
    this.cache.delete(subject);
    this.opened.forgetSubject(subject);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  // A stream appended to as `no_stream` is a new user's: the key store need not look for its key first.
  private async seal(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<NewEvent[]> {
    const subject = subjectOfStream(streamId);
    if (!subject) return this.sealMemberDisplays(streamId, events);
    if (events.length === 0) return events;
    const key = this.cache.get(subject) ?? (await this.keys.keyFor(subject, expectedRevision === 'no_stream'));
    this.remember(subject, key);
    return events.map((event) => {
      const text = JSON.stringify(event.data);
      const sealed = sealText(text, key, event.id);
      this.opened.set(event.id, sealed, subject, text);
      return { ...event, data: sealed };
    });
  }

  // A group's member display texts are sealed with the members' keys, which exist already (members are existing
  // users): the key store is only asked, never made to create one (docs/audit.md, "What is sealed").
  private async sealMemberDisplays(streamId: string, events: NewEvent[]): Promise<NewEvent[]> {
    const needed = events.map((event) => displaySubjects(streamId, event.type, event.data, true));
    if (needed.every((subjects) => subjects.length === 0)) return events;
    const keys = await this.keysOf(needed);
    const keyOf = (subject: string) => keys.get(subject);
    return events.map((event, i) => (needed[i].length === 0 ? event : { ...event, data: sealDisplays(streamId, event.id, event.data, keyOf) }));
  }

  async openEvents(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // Per event, the subjects whose keys open it: a user event's stream, or a group event's members with sealed
    // display texts (none for every other event).
    const subjects = events.map((event) =>
      isSealed(event.data) ? [event.streamId] : displaySubjects(event.streamId, event.type, event.data, false),
    );
    const keys = await this.keysOf(subjects);
    const keyOf = (subject: string) => keys.get(subject);
    return events.map((event, i) => {
      if (!isSealed(event.data)) {
        return subjects[i].length === 0 ? event : { ...event, data: openDisplays(event.streamId, event.id, event.data, keyOf) };
      }
      const key = keys.get(event.streamId);
      if (!key) return { ...event, data: erasedData(event.type, event.streamId) };
      let text = this.opened.get(event.id, event.data);
      if (text === undefined) {
        text = openText(event.data, key, event.id);
        this.opened.set(event.id, event.data, event.streamId, text);
      }
      return { ...event, data: JSON.parse(text) as RecordedEvent['data'] };
    });
  }

  /**
   * The keys of those subjects that have one: from this process's cache, the rest from the key store in one call
   * (destroyed keys stay absent). Returned apart from the cache, which a batch of many subjects can overflow.
   */
  private async keysOf(subjectLists: readonly (readonly string[])[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    const missing = new Set<string>();
    for (const subjects of subjectLists) {
      for (const subject of subjects) {
        const key = this.cache.get(subject);
        if (key) keys.set(subject, key);
        else missing.add(subject);
      }
    }
    if (missing.size === 0) return keys;
    for (const [subject, key] of await this.keys.find([...missing])) {
      this.remember(subject, key);
      keys.set(subject, key);
    }
    return keys;
  }

  private remember(subject: string, key: Buffer): void {
    this.cache.delete(subject);
    this.cache.set(subject, ownBuffer(key));
    if (this.cache.size > KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }
}
