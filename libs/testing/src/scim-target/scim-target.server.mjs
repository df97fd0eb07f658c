// A downstream SCIM application for outbound tests and benchmarks: scimmy resources + scimmy-routers on
// express 5 over an in-memory store, independent of scim-hub's code. A second port answers the test's
// control calls: faults (429 with Retry-After, 400 for chosen userNames), taking the SCIM port down and up
// again with its data kept, and the log of every request with the time the server saw it. Plain JS, run as
// its own process, so that it is a real HTTP peer and its CPU is not the test runner's. TARGET_PATCH=false
// makes its ServiceProviderConfig advertise no PATCH (clients must PUT).
import { randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const TOKEN = process.env.TARGET_TOKEN ?? 'target-token';
const users = new Map();
const byUserName = new Map();
const groups = new Map();
const log = [];
const creates = new Map();
const counts = { userCreates: 0, groupCreates: 0 };
const faults = { throttle: { remaining: 0, retryAfter: 0 }, reject: new Set(), rejectStatus: 400 };

const plain = (value) => JSON.parse(JSON.stringify(value));
const notFound = (id) => new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);
const lower = (value) => String(value ?? '').toLowerCase();

function writeUser(resource, instance) {
  const key = lower(instance.userName);
  const holder = byUserName.get(key);
  if (holder && holder.id !== resource.id) throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName is taken');
  const previous = resource.id ? users.get(resource.id) : undefined;
  if (resource.id && !previous) throw notFound(resource.id);
  const now = new Date().toISOString();
  const user = { ...plain(instance), id: resource.id ?? randomUUID() };
  user.meta = { resourceType: 'User', created: previous?.meta.created ?? now, lastModified: now };
  if (previous) byUserName.delete(lower(previous.userName));
  else counts.userCreates++;
  users.set(user.id, user);
  byUserName.set(key, user);
  return user;
}

function readUsers(resource) {
  if (resource.id) {
    const user = users.get(resource.id);
    if (!user) throw notFound(resource.id);
    return user;
  }
  const filter = resource.filter;
  if (!filter) return [...users.values()];
  const only = filter.length === 1 ? filter[0] : undefined;
  if (only && Object.keys(only).length === 1 && only.userName?.[0] === 'eq') {
    const user = byUserName.get(lower(only.userName[1]));
    return user ? [user] : [];
  }
  return filter.match([...users.values()]);
}

function deleteUser(resource) {
  const user = users.get(resource.id);
  if (!user) throw notFound(resource.id);
  users.delete(resource.id);
  byUserName.delete(lower(user.userName));
}

function writeGroup(resource, instance) {
  if (resource.id && !groups.has(resource.id)) throw notFound(resource.id);
  if (!resource.id) counts.groupCreates++;
  const now = new Date().toISOString();
  const group = { ...plain(instance), id: resource.id ?? randomUUID(), meta: { resourceType: 'Group', lastModified: now } };
  groups.set(group.id, group);
  return group;
}

function readGroups(resource) {
  if (resource.id) {
    const group = groups.get(resource.id);
    if (!group) throw notFound(resource.id);
    return group;
  }
  const all = [...groups.values()];
  return resource.filter ? resource.filter.match(all) : all;
}

function deleteGroup(resource) {
  if (!groups.delete(resource.id)) throw notFound(resource.id);
}

SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser)).ingress(writeUser).egress(readUsers).degress(deleteUser);
SCIMMY.Resources.declare(SCIMMY.Resources.Group).ingress(writeGroup).egress(readGroups).degress(deleteGroup);

// Records every SCIM request with the time it arrived and its answer; a successful POST /Users counts a create.
function recorder(req, res, next) {
  const entry = { at: Date.now(), method: req.method, path: req.path, status: 0, userName: req.body?.userName, displayName: req.body?.displayName };
  if (isObserver(req)) entry.observer = true;
  // Benchmarks tag values with `mark-<run>-<n>`; the target notes which tags each write carried, whatever its shape (POST, PUT, PATCH).
  const marks = req.body ? JSON.stringify(req.body).match(/mark-[a-z0-9]+-\d+/g) : null;
  if (marks) entry.marks = [...new Set(marks)];
  log.push(entry);
  res.on('finish', () => {
    entry.status = res.statusCode;
    entry.doneAt = Date.now();
    if (entry.method === 'POST' && entry.path === '/Users' && res.statusCode === 201) creates.set(lower(entry.userName), (creates.get(lower(entry.userName)) ?? 0) + 1);
  });
  next();
}

// The test's own SCIM calls (reading the target to judge it, making drift) say so with a header: they are
// logged as such and never take a fault meant for the client under test.
const isObserver = (req) => req.header('x-test-observer') === '1';

function faulty(req, res, next) {
  if (isObserver(req)) return next();
  const error = (status, detail, scimType) =>
    res.status(status).type('application/scim+json').json({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), detail });
  if (faults.throttle.remaining > 0) {
    faults.throttle.remaining--;
    res.set('Retry-After', String(faults.throttle.retryAfter));
    return error(429, 'too many requests (test fault)');
  }
  const writesUser = (req.method === 'POST' || req.method === 'PUT') && req.path.startsWith('/Users');
  if (writesUser && faults.reject.has(lower(req.body?.userName))) return error(faults.rejectStatus, `userName ${req.body.userName} is refused (test fault)`, 'invalidValue');
  next();
}

const scim = express();
// scimmy pages only when startIndex and count are numbers; express hands query values over as strings.
scim.set('query parser', (text) => {
  const query = Object.fromEntries(new URLSearchParams(text));
  for (const key of ['startIndex', 'count']) if (query[key] !== undefined) query[key] = Number(query[key]);
  return query;
});
scim.use(express.json({ type: ['application/json', 'application/scim+json'], limit: '5mb' }));
scim.use('/scim/v2', recorder, faulty);
const routers = new SCIMMYRouters({
  type: 'bearer',
  handler: (req) => {
    if (req.header('Authorization') !== `Bearer ${TOKEN}`) throw new Error('Authorization not detected');
    return 'hub';
  },
});
// scimmy-routers sets its own ServiceProviderConfig (PATCH, sort, bulk supported) when constructed: ours comes after.
SCIMMY.Config.set({ patch: process.env.TARGET_PATCH !== 'false', filter: 1000, sort: false, etag: false, bulk: false, changePassword: false });
scim.use('/scim/v2', routers);

let scimServer;
let scimPort = Number(process.env.PORT ?? 0);
const sockets = new Set();

function listenScim() {
  return new Promise((resolve) => {
    scimServer = scim.listen(scimPort, '127.0.0.1', () => {
      scimPort = scimServer.address().port;
      resolve();
    });
    scimServer.keepAliveTimeout = 65_000;
    scimServer.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  });
}

// Down means down: the port refuses connections and open keep-alive connections are cut.
function closeScim() {
  return new Promise((resolve) => {
    scimServer.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}

const control = express();
control.use(express.json());
control.get('/log', (req, res) => res.json(log.slice(Number(req.query.since ?? 0))));
control.get('/creates', (_req, res) => res.json(Object.fromEntries(creates)));
control.get('/stats', (_req, res) => res.json({ users: users.size, groups: groups.size, requests: log.length, ...counts }));
control.get('/state', (_req, res) => res.json({ users: [...users.values()], groups: [...groups.values()] }));
control.post('/fault', (req, res) => {
  if (req.body.throttle) faults.throttle = { remaining: req.body.throttle.count, retryAfter: req.body.throttle.retryAfter };
  if (req.body.reject) faults.reject = new Set(req.body.reject.map(lower));
  if (req.body.rejectStatus) faults.rejectStatus = req.body.rejectStatus;
  if (req.body.clear) Object.assign(faults, { throttle: { remaining: 0, retryAfter: 0 }, reject: new Set(), rejectStatus: 400 });
  res.json({ ok: true });
});
control.post('/down', async (_req, res) => (await closeScim(), res.json({ ok: true })));
control.post('/up', async (_req, res) => (await listenScim(), res.json({ ok: true, port: scimPort })));

await listenScim();
const controlServer = control.listen(Number(process.env.CONTROL_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ scimPort, controlPort: controlServer.address().port })}\n`);
});
process.on('SIGTERM', () => {
  controlServer.close();
  void closeScim().then(() => process.exit(0));
});
