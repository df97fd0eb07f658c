// The log-backed bus (HUB_BUS=log, the embedded default): each consumer group is a catch-up subscription on
// the event store whose position is a named checkpoint in the store's CheckpointStore, stored after the handler.
import type { EventStore, Subscription } from '@scim-hub/event-store';
import { toEnvelope } from '../bus-envelope';
import type { BusConsumer, ConsumeOptions, MessageBus } from '../bus.port';

const DEFAULT_BATCH_SIZE = 500;

/** Name of a group's checkpoint in the store's CheckpointStore. */
export function logBusCheckpointName(group: string): string {
  return `bus:${group}`;
}

/**
 * One member of a group. A log has no partitions to share, so one member of a group reads at a time and the
 * others stand by; when the active one leaves, the next resumes from the group's checkpoint (a rebalance).
 */
class LogGroupMember implements BusConsumer {
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: ConsumeOptions,
    private readonly left: (member: LogGroupMember) => Promise<void>,
  ) {}

  async activate(): Promise<void> {
    if (this.stopped) return;
    const name = logBusCheckpointName(this.options.group);
    this.subscription = this.store.subscribe({
      after: await this.store.checkpoints.load(name),
      batchSize: this.options.maxBatchSize ?? DEFAULT_BATCH_SIZE,
      handle: async (events) => {
        const last = events.at(-1);
        if (!last) return;
        await this.options.handle(events.map(toEnvelope));
        await this.store.checkpoints.store(name, last.position);
      },
      onError: this.options.onError,
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.subscription?.stop();
    await this.left(this);
  }
}

/** The log-backed bus over `store`. */
export class LogBus implements MessageBus {
  readonly kind = 'log' as const;
  private readonly groups = new Map<string, LogGroupMember[]>();
  private closing = false;

  constructor(private readonly store: EventStore) {}

  async consume(options: ConsumeOptions): Promise<BusConsumer> {
    const members = this.groups.get(options.group) ?? [];
    this.groups.set(options.group, members);
    const member = new LogGroupMember(this.store, options, (m) => this.leave(options.group, m));
    members.push(member);
    if (members.length === 1) await member.activate();
    return member;
  }

  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.groups.values()].flat();
    for (const member of all) await member.stop();
  }

  private async leave(group: string, member: LogGroupMember): Promise<void> {
    const members = this.groups.get(group) ?? [];
    const wasActive = members[0] === member;
    members.splice(members.indexOf(member), 1);
    if (wasActive && members[0] && !this.closing) await members[0].activate();
  }
}

/** The log-backed bus (HUB_BUS=log) over an event store. */
export function createLogBus(store: EventStore): MessageBus {
  return new LogBus(store);
}
