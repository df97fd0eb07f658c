// The ceiling: the least work a Node HTTP server can do to answer the benchmark's SCIM requests (an in-memory
// Map, no validation, no persistence, no auth check). Every other system is read as a fraction of it.
// Plain JS on purpose: no compiler hook is loaded, so its CPU and RSS are node:http's alone.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readJson } from './read-json.mjs';

const BASE = '/scim/v2';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const users = new Map();
const byUserName = new Map();
const groups = new Map();

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function list(resources) {
  return { schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

function createUser(body) {
  const key = String(body.userName).toLowerCase();
  if (byUserName.has(key)) return [409, { status: '409', scimType: 'uniqueness' }];
  const now = new Date().toISOString();
  const user = { ...body, id: randomUUID(), meta: { resourceType: 'User', created: now, lastModified: now } };
  users.set(user.id, user);
  byUserName.set(key, user);
  return [201, user];
}

// Only the `userName eq "<v>"` form the benchmark sends (Entra: users are queried by userName).
function filterUsers(filter) {
  const m = /^userName eq "(.*)"$/.exec(filter ?? '');
  const user = m ? byUserName.get(m[1].toLowerCase()) : undefined;
  return [200, list(user ? [user] : [])];
}

function patchUser(user, body) {
  for (const op of body.Operations ?? []) {
    const kind = String(op.op).toLowerCase();
    if (kind === 'remove') delete user[op.path];
    else if (op.path) user[op.path] = op.value;
    else Object.assign(user, op.value);
  }
  user.meta.lastModified = new Date().toISOString();
  return [200, user];
}

function createGroup(body) {
  const members = new Map((body.members ?? []).map((m) => [m.value, m]));
  const group = { ...body, id: randomUUID(), members, meta: { resourceType: 'Group' } };
  groups.set(group.id, group);
  return [201, renderGroup(group, false)];
}

function renderGroup(group, excludeMembers) {
  const { members, ...rest } = group;
  return excludeMembers ? rest : { ...rest, members: [...members.values()] };
}

function patchGroup(group, body) {
  for (const op of body.Operations ?? []) {
    const kind = String(op.op).toLowerCase();
    if (op.path !== 'members') continue;
    for (const m of op.value ?? []) {
      if (kind === 'remove') group.members.delete(m.value);
      else group.members.set(m.value, m);
    }
  }
  return [204, undefined];
}

async function route(req, path, query) {
  const [, type, id] = path.slice(BASE.length).split('/');
  const store = type === 'Users' ? users : type === 'Groups' ? groups : undefined;
  if (!path.startsWith(BASE + '/') || !store) return [404, { status: '404' }];
  if (req.method === 'POST' && !id) return type === 'Users' ? createUser(await readJson(req)) : createGroup(await readJson(req));
  if (req.method === 'GET' && !id && type === 'Users') return filterUsers(query.get('filter'));
  const found = id ? store.get(id) : undefined;
  if (!found) return [404, { status: '404' }];
  if (req.method === 'GET') {
    return [200, type === 'Users' ? found : renderGroup(found, (query.get('excludedAttributes') ?? '').includes('members'))];
  }
  if (req.method === 'PATCH') return type === 'Users' ? patchUser(found, await readJson(req)) : patchGroup(found, await readJson(req));
  return [405, { status: '405' }];
}

const server = http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  if (path === '/readyz') return send(res, 200, { status: 'ok' });
  route(req, path, query).then(
    ([status, body]) => send(res, status, body),
    () => send(res, 400, { status: '400' }),
  );
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
