/** Creates the keys of these subjects (or reads those another writer created first) and returns every one of them. */
export type CreateKeys = (subjects: string[]) => Promise<Map<string, Buffer>>;

interface Waiter {
  resolve(key: Buffer): void;
  reject(error: unknown): void;
}

/**
 * Group commit for new subjects' keys: the keys asked for while a batch is being made durable are created together
 * by the next batch, in one transaction and one round trip or fsync, instead of one each (concurrent creates of new
 * users). A lone request waits only for the current turn of the event loop to end.
 */
export class KeyBatches {
  private waiting = new Map<string, Waiter[]>();
  private storing = new Map<string, Waiter[]>();
  private running = false;

  constructor(private readonly createKeys: CreateKeys) {}

  /** True while the subject's key is asked for and not yet durable: a store must not hand out a row it already sees. */
  isPending(subject: string): boolean {
    return this.waiting.has(subject) || this.storing.has(subject);
  }

  /** The subject's key once it is durable; every concurrent caller for one subject gets the same key. */
  request(subject: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const waiters = this.storing.get(subject) ?? this.waiting.get(subject);
      if (waiters) return void waiters.push({ resolve, reject });
      this.waiting.set(subject, [{ resolve, reject }]);
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.size > 0) {
      const batch = this.waiting;
      this.waiting = new Map();
      this.storing = batch;
      try {
        const keys = await this.createKeys([...batch.keys()]);
        for (const [subject, waiters] of batch) {
          const key = keys.get(subject);
          for (const waiter of waiters) {
            if (key) waiter.resolve(key);
            else waiter.reject(new Error(`no key was stored for ${subject}`));
          }
        }
      } catch (error) {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      }
      this.storing = new Map();
    }
    this.running = false;
  }
}
