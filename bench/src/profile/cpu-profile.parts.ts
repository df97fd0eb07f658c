// Where a profiled server's CPU went: the self time of a V8 CPU profile (the .cpuprofile that Node's inspector
// writes) summed by part of the code base — each of our libraries, the framework, Node.js itself, SQLite, the
// PostgreSQL client, garbage collection. Pure: a profile in, shares out.

/** A V8 CPU profile as the inspector's Profiler.stop returns it (the fields read here). */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

/** One part's share of the busy samples. */
export interface ProfilePart {
  part: string;
  samples: number;
  /** samples / busy samples, 0..1. */
  share: number;
}

/** The busy samples of one profile (idle left out) and their split by part, largest first. */
export interface ProfileSummary {
  busySamples: number;
  parts: ProfilePart[];
}

export const SQLITE = 'SQLite statements (better-sqlite3)';
export const SOCKET_WRITES = 'socket writes (system calls)';
export const NODE_HTTP = 'Node.js HTTP and streams';
export const MICROTASKS = 'promises and microtasks';
export const NODE_CRYPTO = 'Node.js crypto';
export const NODE_OTHER = 'Node.js other (events, timers, buffers, async hooks)';
export const GC = 'garbage collection';
export const UNATTRIBUTED = 'native, outside any JavaScript caller (V8 "(program)")';

// Packages by the part they belong to; any other package is "other libraries".
const PACKAGE_PARTS: Array<[RegExp, string]> = [
  [/^(fastify|@fastify\/.*|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|fast-uri|secure-json-parse|toad-cache|abstract-logging)$/, 'fastify'],
  [/^(@nestjs\/.*|rxjs|reflect-metadata|tslib)$/, 'Nest (router, guards, CQRS bus)'],
  [/^(pg|pg-.*|postgres-.*)$/, 'PostgreSQL client (pg)'],
  [/^better-sqlite3$/, SQLITE],
  [/^(prom-client|pino|pino-.*|sonic-boom|thread-stream|tdigest|bintrees)$/, 'metrics and logging'],
  [/^(class-validator|class-transformer|validator|libphonenumber-js)$/, 'class-validator'],
];

// better-sqlite3's statement methods run SQLite in native code: a native frame of one of these names, called
// from one of our SQLite adapters (a path segment starting with "sqlite"), is SQLite at work.
const SQLITE_METHODS = new Set(['run', 'get', 'all', 'iterate', 'exec']);
const SQLITE_CALLER = /\/sqlite[^/]*\//;
// Node.js's stream base writes to a socket through native writev / write…String calls: the system call itself.
const SOCKET_WRITE = /^write/;
const SOCKET_WRITE_CALLER = 'node:internal/stream_base_commons';

function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first, second] = url.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

// Node.js's own modules (node:…) by what they do.
const NODE_PARTS: Array<[RegExp, string]> = [
  [/^node:(_http_|net$|stream|internal\/(streams|stream_base_commons|http|js_stream_socket))/, NODE_HTTP],
  [/^node:internal\/process\/(task_queues|promises)/, MICROTASKS],
  [/^node:(crypto|internal\/crypto)/, NODE_CRYPTO],
];

/** The part a script belongs to, by its URL (file:// URLs of our dist folders and node_modules, node: built-ins). */
export function partOfUrl(url: string): string {
  if (url.startsWith('node:')) return NODE_PARTS.find(([pattern]) => pattern.test(url))?.[1] ?? NODE_OTHER;
  const pkg = packageOf(url);
  if (pkg) return PACKAGE_PARTS.find(([pattern]) => pattern.test(pkg))?.[1] ?? 'other libraries';
  const lib = /\/libs\/([^/]+)\//.exec(url);
  if (lib) return `libs/${lib[1]}`;
  const service = /\/services\/([^/]+)\//.exec(url);
  if (service) return `services/${service[1]} (composition)`;
  return 'other JavaScript';
}

/**
 * Self samples summed by part. Native frames (no URL) count where they are called from, so a JSON.parse or a
 * crypto call is billed to the code that made it; better-sqlite3's statement methods called from an SQLite adapter
 * count as SQLite, and Node.js's native socket writes as socket writes. "(idle)" and "(root)" are not busy;
 * "(garbage collector)" and "(program)" are parts of their own.
 */
export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const selfSamples = new Map<number, number>();
  if (profile.samples?.length) for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) if (node.hitCount) selfSamples.set(node.id, node.hitCount);

  const counts = new Map<string, number>();
  let busy = 0;
  for (const [id, samples] of selfSamples) {
    const node = byId.get(id);
    if (!node) continue;
    const part = partOfNode(node, parent);
    if (part === undefined) continue;
    busy += samples;
    counts.set(part, (counts.get(part) ?? 0) + samples);
  }
  const parts = [...counts].map(([part, samples]) => ({ part, samples, share: busy ? samples / busy : 0 }));
  parts.sort((a, b) => b.samples - a.samples || a.part.localeCompare(b.part));
  return { busySamples: busy, parts };
}

function partOfNode(node: ProfileNode, parent: Map<number, ProfileNode>): string | undefined {
  const { functionName, url } = node.callFrame;
  if (url) return partOfUrl(url);
  switch (functionName) {
    case '(idle)':
    case '(root)':
      return undefined;
    case '(garbage collector)':
      return GC;
    case '(program)':
      return UNATTRIBUTED;
  }
  let caller = parent.get(node.id);
  while (caller && !caller.callFrame.url) caller = parent.get(caller.id);
  if (!caller) return UNATTRIBUTED;
  const callerUrl = caller.callFrame.url;
  if (SQLITE_METHODS.has(functionName) && SQLITE_CALLER.test(callerUrl)) return SQLITE;
  if (SOCKET_WRITE.test(functionName) && callerUrl === SOCKET_WRITE_CALLER) return SOCKET_WRITES;
  return partOfUrl(callerUrl);
}
