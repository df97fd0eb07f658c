import type { Position } from '../event-store.port';
import { maxPosition, positionToString } from '../position';

/**
 * Tells other processes' listeners about appends with NOTIFY, after their commit and outside their transaction.
 *
 * Why not NOTIFY inside the append: PostgreSQL serialises the commits of every transaction that notified,
 * database-wide, with a lock held until the commit record is flushed (async.c, PreCommit_Notify). Appends then
 * commit one fsync at a time, with no group commit — that capped the hub at about one create per fsync. A
 * NOTIFY sent on its own has no transaction id, so its commit writes no WAL and holds that lock only briefly.
 *
 * Notifications are only a wake-up carrying the newest position, so bursts are coalesced: at most one NOTIFY is
 * in flight, and the appends that commit meanwhile are announced together by the next one.
 */
export class PostgresNotifier {
  private pending: Position | undefined;
  private sending: Promise<void> | undefined;

  constructor(private readonly send: (payload: string) => Promise<unknown>) {}

  /** Announces `position` (an append that has committed) soon; never throws. */
  announce(position: Position): void {
    this.pending = maxPosition(this.pending, position);
    this.sending ??= this.drain();
  }

  /** Resolves once every announced position has been sent (or failed to send). */
  async flush(): Promise<void> {
    await this.sending;
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const head = this.pending;
      this.pending = undefined;
      // A lost notification only delays other processes until their next poll.
      await this.send(positionToString(head)).catch(() => undefined);
    }
    this.sending = undefined;
  }
}
