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
import { displaySubjects, openDisplays, sealDisplays, type KeyOf } from './member-displays';
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
    const keyOf = await this.keysFor(needed.flat());
    return events.map((event, i) => (needed[i].length === 0 ? event : { ...event, data: sealDisplays(streamId, event.id, event.data, keyOf) }));
  }

  async openEvents(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // The subjects whose keys open the batch: each user event's stream, and the members of a group event with sealed
    // display texts (rare: Entra ID sends none), whose places are kept in `withDisplays`.
    const subjects: string[] = [];
    let withDisplays: Set<number> | undefined;
    events.forEach((event, i) => {
      if (isSealed(event.data)) return void subjects.push(event.streamId);
      const members = displaySubjects(event.streamId, event.type, event.data, false);
      if (members.length === 0) return;
      (withDisplays ??= new Set()).add(i);
      for (const member of members) subjects.push(member); // a group add can name many thousands: no spread
    });
    const keyOf = await this.keysFor(subjects);
    return events.map((event, i) => {
      if (!isSealed(event.data)) return withDisplays?.has(i) ? { ...event, data: openDisplays(event.streamId, event.id, event.data, keyOf) } : event;
      const key = keyOf(event.streamId);
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
   * The key of each of these subjects that has one: from this process's cache, the others looked up in one call
   * (destroyed keys stay absent). Those found are also kept apart from the cache, which a batch of many subjects
   * can overflow.
   */
  private async keysFor(subjects: readonly string[]): Promise<KeyOf> {
    const missing = new Set<string>();
    for (const subject of subjects) if (!this.cache.has(subject)) missing.add(subject);
    if (missing.size === 0) return (subject) => this.cache.get(subject);
    const found = await this.keys.find([...missing]);
    for (const [subject, key] of found) this.remember(subject, key);
    return (subject) => found.get(subject) ?? this.cache.get(subject);
  }

  private remember(subject: string, key: Buffer): void {
    this.cache.delete(subject);
    this.cache.set(subject, ownBuffer(key));
    if (this.cache.size > KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }
}
