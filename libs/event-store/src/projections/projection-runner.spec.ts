import { until } from '@scim-hub/testing';
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { createInMemoryEventStore } from '../memory';
import { comparePositions, positionToString } from '../position';
import { newEvents } from '../testing/contract-fixtures';
import type { CheckpointedProjection, ShadowProjection } from './checkpointed-projection';
import type { HeldLease, ProjectionLeases } from './projection-lease';
import type { ProjectionSource } from './projection-source';
import { ProjectionRunner, parseReplayFrom } from './projection-runner';
import type { ProjectionStatus } from './projection-status';

// A projection that records every applied event id once; a second application of one event would show as a
// duplicate in `applied`. `failOn` makes project() throw for one event type.
class RecordingProjection implements CheckpointedProjection {
  applied: string[] = [];
  position: Position | undefined;
  failOn: string | undefined;
  shadows = 0;

  constructor(
    readonly name: string,
    withShadow = false,
  ) {
    // Without a shadow copy the runner rebuilds in place; an own `undefined` hides the prototype's method.
    if (!withShadow) Object.assign(this, { openShadow: undefined });
  }

  async checkpoint() {
    return this.position;
  }

  async project(events: RecordedEvent[]) {
    const fresh = events.filter((e) => !this.position || comparePositions(e.position, this.position) > 0);
    if (fresh.some((e) => e.type === this.failOn)) throw new TypeError(`cannot apply ${this.failOn}`);
    for (const e of fresh) this.applied.push(e.id);
    if (fresh.length) this.position = fresh.at(-1)!.position;
  }

  async reset() {
    this.applied = [];
    this.position = undefined;
  }

  async openShadow(): Promise<ShadowProjection> {
    this.shadows++;
    const copy = new RecordingProjection(`${this.name}-shadow`);
    return {
      checkpoint: () => copy.checkpoint(),
      project: (events) => copy.project(events),
      swapIn: async () => {
        this.applied = copy.applied;
        this.position = copy.position;
      },
      discard: async () => undefined,
    };
  }
}

// A source shaped like a consumer group: it keeps its own committed offset (ignoring the projection's
// checkpoint), hands every batch twice, and resolves `follow` only after its first batch may have arrived.
function groupLikeSource(store: EventStore): ProjectionSource {
  let committed: Position | undefined;
  return {
    kind: 'bus',
    follow: async (_name, { batchSize, handle, onError }) => {
      const subscription = store.subscribe({
        ...(committed ? { after: committed } : {}),
        batchSize,
        onError,
        handle: async (events) => {
          await handle(events);
          await handle(events);
          committed = events.at(-1)?.position ?? committed;
        },
      });
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      return subscription;
    },
  };
}

// Rewinding keeps what was applied, so a replay shows as the replayed events applied a second time.
class RewindableProjection extends RecordingProjection {
  async rewind(to: Position | undefined) {
    this.position = to;
  }
}

// Leases shared by several runners, as PostgreSQL would share them between processes.
class SharedLeases {
  readonly holders = new Map<string, { process: number; lose: () => void }>();
  readonly dead = new Set<number>();
  forProcess(process: number): ProjectionLeases {
    return {
      tryAcquire: async (name): Promise<HeldLease | undefined> => {
        if (this.holders.has(name) || this.dead.has(process)) return undefined;
        let lose!: () => void;
        const lost = new Promise<void>((r) => (lose = r));
        this.holders.set(name, { process, lose });
        return { lost, release: async () => void (this.holders.get(name)?.process === process && this.holders.delete(name)) };
      },
      close: async () => undefined,
    };
  }
  /** The holder's process dies (kill -9): its session ends, its leases are lost and free again. */
  kill(process: number) {
    this.dead.add(process);
    for (const [name, holder] of this.holders) {
      if (holder.process !== process) continue;
      this.holders.delete(name);
      holder.lose();
    }
  }
}

async function append(store: EventStore, stream: string, count: number, type = 'Tested'): Promise<Position> {
  const result = await store.appendToStream(stream, 'any', newEvents(count, type));
  return result.position;
}

describe('ProjectionRunner', () => {
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  const run = (projections: CheckpointedProjection[], options = {}) => {
    const runner = new ProjectionRunner(store, projections, { leaseRetryMs: 20, checkpointPollMs: 10, batchSize: 10, ...options });
    runners.push(runner);
    runner.start();
    return runner;
  };

  beforeEach(() => {
    store = createInMemoryEventStore();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await store.close();
  });

  it('runs each projection from its own checkpoint and waits for a position (read-your-writes)', async () => {
    const a = new RecordingProjection('a');
    const b = new RecordingProjection('b');
    await append(store, 's/1', 5);
    await a.project(await store.readAll({ maxCount: 3 }));
    const runner = run([a, b]);
    const position = await append(store, 's/1', 20);
    await runner.waitFor('a', position, 5000);
    await runner.waitFor('b', position, 5000);
    expect(a.applied).toHaveLength(25);
    expect(new Set(a.applied).size).toBe(25);
    expect(b.applied).toEqual(a.applied);
    const status = await runner.status('a');
    expect(status).toMatchObject({ name: 'a', state: 'running', position: positionToString(position), lagEvents: 0, lagSeconds: 0 });
  });

  it('lets a projection with lingerMs take the appends of its linger as one batch; it does not linger catching up, and waiting for it or stopping ends a linger', async () => {
    const lingering = Object.assign(new RecordingProjection('lingering'), { lingerMs: 60_000, batches: [] as number[] });
    const project = lingering.project.bind(lingering);
    lingering.project = async (events) => {
      lingering.batches.push(events.length);
      await project(events);
    };
    const prompt = new RecordingProjection('prompt');
    await append(store, 's/1', 25);
    const runner = run([lingering, prompt], { batchSize: 10 });
    // Full batches follow one another at once: 10, 10, then 5 at the head, where it lingers.
    await until(() => lingering.applied.length === 25);
    expect(lingering.batches).toEqual([10, 10, 5]);
    for (let i = 0; i < 3; i++) {
      const position = await append(store, 's/1', 1);
      await runner.waitFor('prompt', position, 5000);
    }
    expect(prompt.applied).toHaveLength(28);
    expect(lingering.applied).toHaveLength(25);
    // Waiting for the lingering projection ends its linger (a minute): the three appends come as one batch.
    await runner.waitFor('lingering', (await store.readAll({ maxCount: 1000 })).at(-1)!.position, 5000);
    expect(lingering.batches).toEqual([10, 10, 5, 3]);
    // That wait ended one linger, not the next: an append after it waits out the linger again.
    await runner.waitFor('prompt', await append(store, 's/1', 1), 5000);
    expect(lingering.applied).toHaveLength(28);
    // Stopping does not wait for the linger either (the test would time out).
    await runner.stop();
    expect(lingering.applied).toHaveLength(28);
  });

  it('stops a projection at a poisoned event: status, hook and position; the others keep running', async () => {
    const poisoned: Array<[string, string | undefined]> = [];
    const bad = new RecordingProjection('bad');
    bad.failOn = 'Poison';
    const good = new RecordingProjection('good');
    const runner = run([bad, good], { maxAttempts: 2, hooks: { onPoisoned: (name: string, _e: unknown, at?: string) => poisoned.push([name, at]) } });
    await append(store, 's/1', 3);
    const poison = await append(store, 's/2', 1, 'Poison');
    const after = await append(store, 's/1', 4);
    await runner.waitFor('good', after, 5000);
    await until(async () => (await runner.status('bad')).state === 'stopped', 'bad stopped', 5000);
    const status = await runner.status('bad');
    expect(status.position).not.toBe(positionToString(poison));
    expect(status.lastError).toMatchObject({ message: 'cannot apply Poison', position: positionToString(poison) });
    expect(status.lagEvents).toBe(5);
    expect(poisoned).toEqual([['bad', positionToString(poison)]]);
    expect(bad.applied).toHaveLength(3);
    expect(good.applied).toHaveLength(8);
    await expect(runner.waitFor('bad', after, 50)).rejects.toThrow(/did not reach/);
  });

  it('rebuilds into a shadow copy while writes continue, then swaps it in', async () => {
    const projection = new RecordingProjection('scim', true);
    const runner = run([projection]);
    await append(store, 's/1', 50);
    const { finished } = runner.rebuild('scim');
    expect((await runner.status('scim')).state).toBe('rebuilding');
    expect(() => runner.rebuild('scim')).toThrow(/already running/);
    const during = await append(store, 's/2', 30);
    await finished;
    await runner.waitFor('scim', during, 5000);
    expect(projection.shadows).toBe(1);
    expect(projection.applied).toEqual((await store.readAll()).map((e) => e.id));
    expect((await runner.status('scim')).state).toBe('running');
  });

  it('rebuilds in place a projection without a shadow copy; a replay from before the first event is a rebuild', async () => {
    const projection = new RecordingProjection('p');
    const runner = run([projection]);
    const head = await append(store, 's/1', 30);
    await runner.waitFor('p', head, 5000);
    projection.applied.push('garbage');
    await (await runner.replay('p', { time: new Date(Date.now() - 3_600_000) })).finished;
    expect(projection.shadows).toBe(0);
    expect(projection.applied).toEqual((await store.readAll()).map((e) => e.id));
    expect((await runner.status('p')).state).toBe('running');
  });

  it('replays from a position (rewind) and refuses part of the log for a projection without rewind', async () => {
    const projection = new RecordingProjection('p');
    const runner = run([projection]);
    const first = await append(store, 's/1', 5);
    const last = await append(store, 's/1', 5);
    await runner.waitFor('p', last, 5000);
    await expect(runner.replay('p', { position: first })).rejects.toThrow(/cannot replay part of the log/);
    const rewound: Array<Position | undefined> = [];
    Object.assign(projection, {
      rewind: async (to: Position | undefined) => {
        rewound.push(to);
        projection.position = to;
        projection.applied = projection.applied.slice(0, 5);
      },
    });
    await (await runner.replay('p', { position: first })).finished;
    await until(() => projection.applied.length === 10, 'replayed', 5000);
    expect(rewound).toEqual([first]);
    expect(projection.applied).toEqual((await store.readAll()).map((e) => e.id));
  });

  it('runs a projection in one runner only; a standby takes over when the holder loses its lease', async () => {
    const leases = new SharedLeases();
    const first = new RecordingProjection('scim');
    const second = new RecordingProjection('scim');
    // Both "processes" share one stored projection, as two hubs share one PostgreSQL read model.
    Object.assign(second, { checkpoint: () => first.checkpoint(), project: (e: RecordedEvent[]) => first.project(e) });
    const a = run([first], { leases: leases.forProcess(1) });
    await until(async () => (await a.status('scim')).state === 'running', 'a running', 5000);
    const b = run([second], { leases: leases.forProcess(2) });
    await until(async () => (await b.status('scim')).state === 'standby', 'b standby', 5000);
    const position = await append(store, 's/1', 7);
    await b.waitFor('scim', position, 5000);
    leases.kill(1);
    await until(async () => (await b.status('scim')).state === 'running', 'b took over', 5000);
    const later = await append(store, 's/1', 3);
    await b.waitFor('scim', later, 5000);
    expect(first.applied).toEqual((await store.readAll()).map((e) => e.id));
    expect((await a.status('scim')).state).toBe('standby');
    expect(() => a.rebuild('scim')).toThrow(/another process/);
  });

  it('reports status through the hook after batches', async () => {
    const seen: ProjectionStatus[] = [];
    const runner = run([new RecordingProjection('p')], { hooks: { onStatus: (s: ProjectionStatus) => seen.push(s) } });
    const position = await append(store, 's/1', 25);
    await runner.waitFor('p', position, 5000);
    await until(() => seen.some((s) => s.position === positionToString(position) && s.lagEvents === 0), 'status', 5000);
  });

  it('runs from a pluggable source: duplicates are skipped, status names it, a replay re-reads the log', async () => {
    const projection = new RewindableProjection('p');
    const runner = run([projection], { source: groupLikeSource(store) });
    const position = await append(store, 's/1', 30);
    await runner.waitFor('p', position, 5000);
    const ids = (await store.readAll()).map((e) => e.id);
    expect(projection.applied).toEqual(ids);
    expect(await runner.status('p')).toMatchObject({ state: 'running', source: 'bus', lagEvents: 0 });

    const from = (await store.readAll())[9]!.position;
    await (await runner.replay('p', { position: from })).finished;
    expect(projection.applied).toEqual([...ids, ...ids.slice(10)]);
    const later = await append(store, 's/1', 5);
    await runner.waitFor('p', later, 5000);
    const all = (await store.readAll()).map((e) => e.id);
    expect(projection.applied).toEqual([...ids, ...ids.slice(10), ...all.slice(30)]);
  });

  it('parses replay starts', () => {
    expect(parseReplayFrom('0')).toEqual({ position: undefined });
    expect(parseReplayFrom('12:34')).toEqual({ position: { commit: 12n, prepare: 34n } });
    expect(parseReplayFrom('2026-01-02T03:04:05Z')).toEqual({ time: new Date('2026-01-02T03:04:05Z') });
    expect(parseReplayFrom('yesterday')).toBeUndefined();
    expect(parseReplayFrom('2026-13-45')).toBeUndefined();
  });
});
