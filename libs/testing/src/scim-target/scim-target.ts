// Starts scim-target.server.mjs as its own process and talks to its control port.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { until } from '../until';

/** One request the target saw: arrival time (ms since epoch, the test's own clock), answer status. */
export interface TargetRequest {
  at: number;
  doneAt?: number;
  method: string;
  path: string;
  status: number;
  /** Sent by the test itself through `scim()` (never faulted), not by the client under test. */
  observer?: boolean;
  userName?: string;
  displayName?: string;
  /** `mark-<run>-<n>` tags found anywhere in the request body (benchmarks correlate writes with them). */
  marks?: string[];
}

/** Faults the target injects: the next `count` requests answer 429 with `Retry-After`; writes of listed userNames answer 400. */
export interface TargetFault {
  throttle?: { count: number; retryAfter: number };
  reject?: string[];
  rejectStatus?: number;
  clear?: boolean;
}

/** A SCIM resource as the target keeps it. */
export type TargetResource = Record<string, any> & { id: string };

/** A running test target. */
export interface ScimTarget {
  /** The SCIM base URL, `http://127.0.0.1:<port>/scim/v2`. */
  readonly baseUrl: string;
  readonly token: string;
  requests(since?: number): Promise<TargetRequest[]>;
  /** Successful POST /Users per lowercased userName. */
  creates(): Promise<Record<string, number>>;
  /** How many users and groups it holds, how many requests it saw, and how many users and groups it created. */
  stats(): Promise<{ users: number; groups: number; requests: number; userCreates: number; groupCreates: number }>;
  /** Everything the target holds. */
  state(): Promise<{ users: TargetResource[]; groups: TargetResource[] }>;
  /** Every user (or group) the target holds. */
  list(resourceType: 'Users' | 'Groups'): Promise<TargetResource[]>;
  fault(fault: TargetFault): Promise<void>;
  /** Closes the SCIM port (connections refused) and opens it again on the same port; the data is kept. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** A SCIM call straight to the target (reading it, or drift made behind the hub's back); marked as the test's own. */
  scim(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

const SERVER = join(__dirname, 'scim-target.server.mjs');

/** Options of a test target. */
export interface ScimTargetOptions {
  token?: string;
  /** Whether its ServiceProviderConfig advertises PATCH (default true). */
  patch?: boolean;
}

/** Starts a target on free ports of 127.0.0.1. */
export async function startScimTarget(options: ScimTargetOptions = {}): Promise<ScimTarget> {
  const token = options.token ?? `target-${Math.random().toString(36).slice(2)}`;
  const env = { ...process.env, TARGET_TOKEN: token, TARGET_PATCH: String(options.patch ?? true) };
  const child = spawn(process.execPath, [SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await until(() => output.includes('controlPort') || child.exitCode !== null, 'SCIM target started', 20_000, 20);
  if (child.exitCode !== null) throw new Error(`SCIM target exited: ${output}`);
  const { scimPort, controlPort } = JSON.parse(output.split('\n')[0]) as { scimPort: number; controlPort: number };
  return targetOf(child, token, `http://127.0.0.1:${scimPort}/scim/v2`, `http://127.0.0.1:${controlPort}`);
}

function targetOf(child: ChildProcess, token: string, baseUrl: string, controlUrl: string): ScimTarget {
  const control = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`target control ${method} ${path}: ${res.status}`);
    return res.json();
  };
  return {
    baseUrl,
    token,
    requests: (since = 0) => control('GET', `/log?since=${since}`),
    creates: () => control('GET', '/creates'),
    state: () => control('GET', '/state'),
    list: async (resourceType) => (await control('GET', '/state'))[resourceType === 'Users' ? 'users' : 'groups'],
    stats: () => control('GET', '/stats'),
    fault: async (fault) => void (await control('POST', '/fault', fault)),
    down: async () => void (await control('POST', '/down')),
    up: async () => void (await control('POST', '/up')),
    async scim(method, path, body) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'x-test-observer': '1', ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
