import { randomBytes } from 'node:crypto';
import type { SubjectKeyStore } from '../erasure/subject-key-store.port';

/** Keys in a Map, for unit tests of the decorator. */
export class MemorySubjectKeyStore implements SubjectKeyStore {
  readonly keys = new Map<string, Buffer>();

  async keyFor(subject: string): Promise<Buffer> {
    if (!this.keys.has(subject)) this.keys.set(subject, randomBytes(32));
    return this.keys.get(subject) as Buffer;
  }

  async find(subjects: readonly string[]): Promise<Map<string, Buffer>> {
    return new Map(subjects.filter((s) => this.keys.has(s)).map((s) => [s, this.keys.get(s) as Buffer]));
  }

  async destroy(subject: string): Promise<boolean> {
    return this.keys.delete(subject);
  }

  async purge(): Promise<void> {}

  async close(): Promise<void> {}
}
