import { cpuTargetVerdict, interleavedRow, renderInterleavedMarkdown, renderInterleavedText, type InterleavedResult, type Slice } from './interleaved.report';

const slice = (cpuSec: number, ok: number, p99Ms = 10, errors = 0): Slice => ({ cpuSec, ok, errors, durationSec: 3, p99Ms });

describe('interleavedRow', () => {
  it('divides the CPU of all slices by all their requests, per build, and gives after / before', () => {
    // before: 0.6 s for 2,000 requests = 0.3 ms; after: 0.3 s for 2,000 = 0.15 ms.
    const row = interleavedRow({ scenario: 'create', label: 'POST', before: [slice(0.2, 1000), slice(0.4, 1000)], after: [slice(0.1, 1000), slice(0.2, 1000)] });
    expect(row.before.cpuMsPerOk).toBeCloseTo(0.3, 10);
    expect(row.after.cpuMsPerOk).toBeCloseTo(0.15, 10);
    expect(row.ratio).toBeCloseTo(0.5, 10);
    expect(row.before.okPerSec).toBeCloseTo(2000 / 6, 10);
  });

  it('weights slices by their requests, not one slice one vote', () => {
    // 0.1 s / 100 and 0.9 s / 900 are both 1 ms per request; an average of slice figures would agree, a sum of
    // unequal slices must too: 1.0 s / 1,000 = 1 ms, against 0.5 ms after.
    const row = interleavedRow({ scenario: 'filter-large', label: 'GET', before: [slice(0.1, 100), slice(0.9, 900)], after: [slice(0.05, 100), slice(0.45, 900)] });
    expect(row.ratio).toBeCloseTo(0.5, 10);
  });

  it('reports the spread of the pairs of slices, pair i being slice i of each build', () => {
    const row = interleavedRow({
      scenario: 'patch-replace',
      label: 'PATCH',
      before: [slice(1, 1000), slice(1, 1000), slice(1, 1000)],
      after: [slice(0.8, 1000), slice(1.1, 1000), slice(0.9, 1000)],
    });
    expect(row.pairRange[0]).toBeCloseTo(0.8, 10);
    expect(row.pairRange[1]).toBeCloseTo(1.1, 10);
    expect(row.pairs).toBe(3);
  });

  it('sums errors and keeps the worst slice p99', () => {
    const row = interleavedRow({ scenario: 'create', label: 'POST', before: [slice(1, 10, 12, 1), slice(1, 10, 40, 2)], after: [slice(1, 10, 5), slice(1, 10, 7)] });
    expect(row.before.errors).toBe(3);
    expect(row.before.worstP99Ms).toBe(40);
    expect(row.after.worstP99Ms).toBe(7);
  });

  it('refuses sides with different numbers of slices, or none', () => {
    expect(() => interleavedRow({ scenario: 'create', label: 'POST', before: [slice(1, 1)], after: [] })).toThrow(/same number/);
    expect(() => interleavedRow({ scenario: 'create', label: 'POST', before: [], after: [] })).toThrow(/at least one/);
  });

  it('has no ratio when a build answered nothing', () => {
    const row = interleavedRow({ scenario: 'create', label: 'POST', before: [slice(1, 0)], after: [slice(1, 10)] });
    expect(Number.isNaN(row.ratio)).toBe(true);
  });
});

describe('cpuTargetVerdict', () => {
  const row = (scenario: 'create' | 'entra-mix', after: number) =>
    interleavedRow({ scenario, label: scenario, before: [slice(1, 1000)], after: [slice(after, 1000)] });

  it('meets the target at half the baseline CPU or less, and says by how much it is missed above', () => {
    expect(cpuTargetVerdict(row('create', 0.5), false)).toBe('met');
    expect(cpuTargetVerdict(row('create', 0.45), false)).toBe('met');
    expect(cpuTargetVerdict(row('create', 0.6), false)).toBe('missed by 20%');
  });

  it('has no verdict for scenarios the target does not name, nor in an A/A run', () => {
    expect(cpuTargetVerdict(row('entra-mix', 0.3), false)).toBe('–');
    expect(cpuTargetVerdict(row('create', 0.3), true)).toBe('–');
  });
});

describe('rendering', () => {
  const result: InterleavedResult = {
    startedAt: '2026-11-28T08:00:00.000Z',
    finishedAt: '2026-11-28T08:05:00.000Z',
    machine: { nproc: '2', cpuModel: 'Test CPU', memory: '', node: 'v20.0.0', platform: 'Linux' },
    settings: { store: 'sqlite', scenarios: ['create'], users: 5000, slices: 2, sliceSec: 3, rounds: 2, connections: 32, same: false, pin: true },
    pinning: { harness: '0', builds: '1' },
    builds: { before: '/base/main.js', after: '/here/main.js' },
    rows: [interleavedRow({ scenario: 'create', label: 'POST', before: [slice(0.3, 1000), slice(0.3, 1000)], after: [slice(0.15, 1000), slice(0.15, 1000)] })],
  };

  it('prints one line per scenario with both builds, the ratio and the pair spread', () => {
    const text = renderInterleavedText(result);
    expect(text).toMatch(/^create\s+0\.300\s+0\.150\s+0\.500×\s+0\.500×–0\.500×\s+333\s+333\s+0 \/ 0\s+met$/m);
    expect(text).toContain('harness on CPU 0, builds on CPU 1');
  });

  it('writes Markdown with the machine, the builds and the table', () => {
    const md = renderInterleavedMarkdown(result);
    expect(md).toContain('2 CPUs (Test CPU)');
    expect(md).toContain('`/base/main.js`');
    expect(md).toContain('| create | 0.300 | 0.150 | 0.500× |');
  });

  it('says when the run was an A/A run and when nothing was pinned', () => {
    const text = renderInterleavedText({ ...result, settings: { ...result.settings, same: true }, pinning: { unpinned: 'one CPU only' } });
    expect(text).toContain('the same build on both sides');
    expect(text).toContain('not pinned (one CPU only)');
  });
});
