// The durable ceiling: the least work a Node HTTP server can do to answer the benchmark's user creates and
// `userName eq` filters with the hub's durability promise — a create is acknowledged only once its commit is on
// disk. One better-sqlite3 table in WAL mode, indexed by (tenant, userName), in a temp dir removed on exit.
// Durability as the hub does it (libs/event-store/src/sqlite/wal-syncer.ts): commit with synchronous = NORMAL,
// then fsync the -wal file in libuv's thread pool; one fsync covers every commit made before it started, so
// concurrent creates share it (group commit). It serves users only: create, filter, nothing else.
// Plain JS on purpose: no compiler hook is loaded, so its CPU and RSS are node:http's and SQLite's alone.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { readJson } from './read-json.mjs';

const BASE = '/scim/v2';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const TENANT = 'bench';
const BEARER = `Bearer ${process.env.BENCH_TOKEN ?? ''}`;

// The harness gives a temp dir (and removes it even if this process is killed); run by hand, it makes its own.
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scim-hub-bench-durable-'));
const file = path.join(dataDir, 'users.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE users (tenant TEXT NOT NULL, id TEXT NOT NULL, userName TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (tenant, id));
         CREATE UNIQUE INDEX users_userName ON users (tenant, userName);`);
const insert = db.prepare('INSERT INTO users (tenant, id, userName, body) VALUES (?, ?, ?, ?)');
const byUserName = db.prepare('SELECT body FROM users WHERE tenant = ? AND userName = ?').pluck();

// Group commit: `running` is the fsync in flight, `queued` the one that follows it for commits made meanwhile.
let walFd;
let running;
let queued;
let failed = false;

function fsyncOnce() {
  return new Promise((resolve, reject) => {
    if (walFd === undefined) {
      // The -wal file exists from the first commit on; its directory entry is made durable once.
      const dirFd = fs.openSync(dataDir, 'r');
      fs.fsyncSync(dirFd);
      fs.closeSync(dirFd);
      walFd = fs.openSync(`${file}-wal`, 'r');
    }
    fs.fsync(walFd, (err) => (err ? reject(err) : resolve()));
  });
}

/** Resolves once every commit made before the call is durable. */
function durable() {
  if (!running) {
    running = fsyncOnce().finally(() => (running = undefined));
    return running;
  }
  queued ??= running
    .catch(() => undefined)
    .then(() => {
      queued = undefined;
      return durable();
    });
  return queued;
}

function send(res, status, text) {
  if (text === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const error = (status, scimType) => JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), scimType });

async function createUser(req) {
  const body = await readJson(req);
  if (typeof body.userName !== 'string') return [400, error(400, 'invalidValue')];
  const now = new Date().toISOString();
  const user = { ...body, id: randomUUID(), meta: { resourceType: 'User', created: now, lastModified: now } };
  const text = JSON.stringify(user);
  try {
    insert.run(TENANT, user.id, body.userName.toLowerCase(), text);
  } catch (err) {
    if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return [409, error(409, 'uniqueness')];
    throw err;
  }
  await durable();
  return [201, text];
}

// Only the `userName eq "<v>"` form the benchmark sends; the stored body is sent as stored, never re-parsed.
function filterUsers(filter) {
  const m = /^userName eq "(.*)"$/.exec(filter ?? '');
  const body = m ? byUserName.get(TENANT, m[1].toLowerCase()) : undefined;
  const n = body ? 1 : 0;
  return [200, `{"schemas":["${LIST}"],"totalResults":${n},"startIndex":1,"itemsPerPage":${n},"Resources":[${body ?? ''}]}`];
}

async function route(req, path, query) {
  if (path !== `${BASE}/Users`) return [404, error(404)];
  if (req.method === 'POST') return createUser(req);
  if (req.method === 'GET') return filterUsers(query.get('filter'));
  return [405, error(405)];
}

const server = http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (path === '/readyz') return send(res, 200, '{"status":"ok"}');
  if (req.headers.authorization !== BEARER) return send(res, 401, error(401));
  if (failed) return send(res, 503, error(503));
  const query = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  route(req, path, query).then(
    ([status, text]) => send(res, status, text),
    (err) => {
      // A failed fsync leaves commits of unknown durability: stop serving, as the hub does.
      if (err.syscall === 'fsync') failed = true;
      send(res, err instanceof SyntaxError ? 400 : 500, error(err instanceof SyntaxError ? 400 : 500));
    },
  );
});

function cleanup() {
  if (walFd !== undefined) fs.closeSync(walFd);
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const stop = () => {
  server.close();
  server.closeAllConnections();
  Promise.allSettled([running, queued]).then(() => {
    cleanup();
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
