// The plain texts of recently sealed and opened events. Every subscription of the log (the read model, the audit
// index, the outbound dispatchers) opens each new event; with this, an event sealed or opened in this process is
// decrypted at most once while it is recent, not once per subscription (docs/performance-history.md, round 6).
import type { SealedData } from './sealed-data';

const DEFAULT_CAPACITY = 2048;

/**
 * Keyed by event id and the payload's nonce and tag, so a text is only ever given for the exact sealed payload it
 * came from. A subject's texts leave with its key: `forgetSubject` runs whenever the key is destroyed or forgotten.
 */
export class OpenedTexts {
  // Map order is insertion order: the oldest entry is evicted first.
  private readonly texts = new Map<string, { subject: string; text: string }>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(eventId: string, sealed: SealedData): string | undefined {
    return this.texts.get(keyOf(eventId, sealed))?.text;
  }

  set(eventId: string, sealed: SealedData, subject: string, text: string): void {
    this.texts.set(keyOf(eventId, sealed), { subject, text });
    if (this.texts.size > this.capacity) this.texts.delete(this.texts.keys().next().value as string);
  }

  forgetSubject(subject: string): void {
    for (const [key, entry] of this.texts) if (entry.subject === subject) this.texts.delete(key);
  }
}

function keyOf(eventId: string, sealed: SealedData): string {
  return `${eventId} ${sealed.iv} ${sealed.tag}`;
}
