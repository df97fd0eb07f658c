import { GC, MICROTASKS, NODE_CRYPTO, NODE_HTTP, NODE_OTHER, partOfUrl, SOCKET_WRITES, SQLITE, summariseProfile, UNATTRIBUTED, type CpuProfile } from './cpu-profile.parts';

const ROOT = 'file:///work/scim-hub';

// A small profile shaped like the inspector's: a tree of call frames and the node id of each sample.
function profileOf(frames: Array<[id: number, parent: number | null, functionName: string, url: string, samples: number]>): CpuProfile {
  const nodes = frames.map(([id, , functionName, url]) => ({ id, callFrame: { functionName, url }, children: frames.filter((f) => f[1] === id).map((f) => f[0]) }));
  return { nodes, samples: frames.flatMap(([id, , , , samples]) => Array<number>(samples).fill(id)) };
}

describe('partOfUrl', () => {
  it.each([
    [`${ROOT}/libs/read-model/dist/sqlite/sqlite-read-model.js`, 'libs/read-model'],
    [`${ROOT}/services/hub/dist/main.js`, 'services/hub (composition)'],
    [`${ROOT}/node_modules/fastify/lib/route.js`, 'fastify'],
    [`${ROOT}/node_modules/find-my-way/index.js`, 'fastify'],
    [`${ROOT}/node_modules/@nestjs/cqrs/dist/command-bus.js`, 'Nest (router, guards, CQRS bus)'],
    [`${ROOT}/node_modules/pg-protocol/dist/parser.js`, 'PostgreSQL client (pg)'],
    [`${ROOT}/node_modules/prom-client/lib/histogram.js`, 'metrics and logging'],
    [`${ROOT}/node_modules/.pnpm/fastify@5.1.0/node_modules/fastify/lib/reply.js`, 'fastify'],
    [`${ROOT}/node_modules/@scope/unknown/index.js`, 'other libraries'],
    ['node:_http_server', NODE_HTTP],
    ['node:internal/streams/writable', NODE_HTTP],
    ['node:internal/process/task_queues', MICROTASKS],
    ['node:internal/crypto/hash', NODE_CRYPTO],
    ['node:events', NODE_OTHER],
    ['file:///elsewhere/script.js', 'other JavaScript'],
  ])('%s is %s', (url, part) => {
    expect(partOfUrl(url)).toBe(part);
  });
});

describe('summariseProfile', () => {
  const profile = profileOf([
    [1, null, '(root)', '', 0],
    [2, 1, '(program)', '', 2],
    [3, 1, '(idle)', '', 50],
    [4, 1, '(garbage collector)', '', 3],
    [5, 1, 'presentResource', `${ROOT}/libs/scim/dist/present.js`, 4],
    [6, 5, 'parse', '', 6], // JSON.parse: billed to its caller
    [7, 1, 'findByUserName', `${ROOT}/libs/read-model/dist/sqlite/sqlite-read-model.js`, 1],
    [8, 7, 'get', '', 10], // better-sqlite3's Statement#get from an SQLite adapter
    [9, 1, 'readResource', `${ROOT}/libs/ingress/dist/read/reader.js`, 1],
    [10, 9, 'get', '', 3], // Map#get from code that is no SQLite adapter: its caller's
    [11, 1, 'writevGeneric', 'node:internal/stream_base_commons', 2],
    [12, 11, 'writev', '', 8],
    [13, 1, 'processTicksAndRejections', 'node:internal/process/task_queues', 1],
    [14, 13, 'runMicrotasks', '', 4],
    [15, 1, 'route', `${ROOT}/node_modules/fastify/lib/route.js`, 5],
  ]);
  const summary = summariseProfile(profile);
  const share = (part: string): number | undefined => summary.parts.find((p) => p.part === part)?.share;

  it('counts busy samples only: idle and the root are left out', () => {
    expect(summary.busySamples).toBe(50);
  });

  it('bills native frames to their callers, SQLite and socket writes to their own parts', () => {
    expect(Object.fromEntries(summary.parts.map((p) => [p.part, p.samples]))).toEqual({
      [SQLITE]: 10,
      'libs/scim': 10,
      [SOCKET_WRITES]: 8,
      'fastify': 5,
      [MICROTASKS]: 5,
      'libs/ingress': 4,
      [GC]: 3,
      [NODE_HTTP]: 2,
      [UNATTRIBUTED]: 2,
      'libs/read-model': 1,
    });
  });

  it('gives shares of the busy samples, largest first', () => {
    expect(share(SQLITE)).toBeCloseTo(0.2);
    expect(share('libs/read-model')).toBeCloseTo(0.02);
    expect(summary.parts.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1);
    expect(summary.parts.map((p) => p.samples)).toEqual([...summary.parts.map((p) => p.samples)].sort((a, b) => b - a));
  });

  it('falls back on hitCount when the profile has no sample list', () => {
    const counted: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'route', url: `${ROOT}/node_modules/fastify/lib/route.js` }, hitCount: 3 },
        { id: 3, callFrame: { functionName: '(garbage collector)', url: '' }, hitCount: 1 },
      ],
    };
    expect(summariseProfile(counted)).toEqual({ busySamples: 4, parts: [{ part: 'fastify', samples: 3, share: 0.75 }, { part: GC, samples: 1, share: 0.25 }] });
  });
});
