// Starts the scimmy target server (scimmy-target.server.mjs) as a child process on 127.0.0.1 and reads it
// over SCIM, the way any client would: the tests judge the target by what it serves.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { JsonObject } from '@scim-hub/scim';

/** Creates counted by the target (GET /stats). */
export interface ScimmyTargetStats {
  userCreates: number;
  groupCreates: number;
  createsByUserName: Record<string, number>;
}

/** A running scimmy target. */
export interface ScimmyTarget {
  /** SCIM base URL, e.g. `http://127.0.0.1:41234/scim/v2`. */
  baseUrl: string;
  port: number;
  token: string;
  /** Every user (or group) the target holds, read with GET, page by page. */
  list(resourceType: 'Users' | 'Groups'): Promise<JsonObject[]>;
  /** Sends any SCIM request with the target's token (to make drift, or to look). */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: JsonObject | undefined }>;
  stats(): Promise<ScimmyTargetStats>;
  stop(): Promise<void>;
}

/** Options of the scimmy target. */
export interface ScimmyTargetOptions {
  token?: string;
  /** Whether the ServiceProviderConfig advertises PATCH (default true). */
  patch?: boolean;
  /** Port to listen on (default: any free port). */
  port?: number;
}

async function waitForPort(child: ChildProcess): Promise<number> {
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    const match = /listening (\d+)/.exec(output);
    if (match) return Number(match[1]);
  }
  throw new Error(`scimmy target exited before listening: ${output}`);
}

/** Starts a scimmy target process; stop() ends it. */
export async function startScimmyTarget(options: ScimmyTargetOptions = {}): Promise<ScimmyTarget> {
  const token = options.token ?? 'target-token';
  const env = { ...process.env, TOKEN: token, PATCH: String(options.patch ?? true), PORT: String(options.port ?? 0) };
  // From the sources the server is the .mjs file; the lib's build compiles it to CommonJS beside this file.
  const script = ['scimmy-target.server.mjs', 'scimmy-target.server.js'].map((name) => join(__dirname, name)).find((file) => existsSync(file));
  if (!script) throw new Error(`scimmy target server not found beside ${__dirname}`);
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await waitForPort(child);
  const origin = `http://127.0.0.1:${port}`;
  const baseUrl = `${origin}/scim/v2`;
  const request = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as JsonObject) : undefined };
  };
  return {
    baseUrl,
    port,
    token,
    request,
    async list(resourceType) {
      const all: JsonObject[] = [];
      for (;;) {
        const { body } = await request('GET', `/${resourceType}?startIndex=${all.length + 1}&count=100`);
        const page = (body?.['Resources'] as JsonObject[] | undefined) ?? [];
        all.push(...page);
        if (page.length === 0 || all.length >= Number(body?.['totalResults'] ?? 0)) return all;
      }
    },
    async stats() {
      return (await (await fetch(`${origin}/stats`)).json()) as ScimmyTargetStats;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
