// The hub started inside the test process (startHub, real HTTP on a free 127.0.0.1 port), for suites that
// must look at the data directory or database while the hub runs and need no child process.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, loadConfig } from '@scim-hub/platform';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../../src/start-hub';
import { freePort } from './hub-process';
import { scimClient, type ScimClient } from './scim-client';

/** A hub running in this process. */
export interface InProcessHub {
  app: NestFastifyApplication;
  baseUrl: string;
  dataDir: string;
  scim: ScimClient;
  /** GET/POST on /admin with the admin token; JSON body parsed. */
  admin(method: string, path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  stop(): Promise<void>;
}

/** The admin token of every in-process hub. */
export const ADMIN_TOKEN = 'audit-admin-'.padEnd(40, 'x');
const SCIM_TOKEN = 'audit-scim-'.padEnd(40, 'y');

/** Starts the hub with `env` (store selection) on a temp data directory. */
export async function startInProcessHub(env: Record<string, string>): Promise<InProcessHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scim-hub-audit-'));
  const port = await freePort();
  const config = loadConfig({
    HUB_HOST: '127.0.0.1',
    HUB_PORT: String(port),
    HUB_DATA_DIR: dataDir,
    HUB_ADMIN_TOKEN: ADMIN_TOKEN,
    HUB_BOOTSTRAP_TOKEN: SCIM_TOKEN,
    ...env,
  });
  const hub = await startHub(config, createLogger('silent'), () => undefined);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app: hub.app,
    baseUrl,
    dataDir,
    scim: scimClient(baseUrl, SCIM_TOKEN),
    async admin(method, path, headers = { authorization: `Bearer ${ADMIN_TOKEN}` }) {
      const response = await fetch(`${baseUrl}/admin${path}`, { method, headers });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
    },
    stop: () => hub.app.close(),
  };
}
