/**
 * Single-flight reads: callers asking for the same key while a read of it is in flight share that read instead of
 * starting their own. Nothing is kept once a read settles, so a later caller always reads afresh.
 */
export class SharedReads<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    let read = this.inFlight.get(key);
    if (read === undefined) {
      read = load().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, read);
    }
    return read;
  }
}
