// An independent SCIM server for outbound tests: scimmy resources + scimmy-routers on express 5 over an
// in-memory store, run as its own process (real HTTP, nothing shared with the hub). Plain JS so that it needs
// no compiler hook. PORT (0 = any), TOKEN (required bearer token), PATCH ("false" = advertise no PATCH).
// It prints `listening <port>` once ready. GET /stats (no auth) counts creates, per userName too, so tests can
// prove that nothing was created twice.
import { randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const token = process.env.TOKEN ?? 'target-token';
const users = new Map();
const byUserName = new Map();
const groups = new Map();
const stats = { userCreates: 0, groupCreates: 0, createsByUserName: {} };

const plain = (value) => JSON.parse(JSON.stringify(value));
const notFound = (id) => new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);

function writeUser(resource, instance) {
  const key = String(instance.userName).toLowerCase();
  const holder = byUserName.get(key);
  if (holder && holder.id !== resource.id) throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName is taken');
  const previous = resource.id ? users.get(resource.id) : undefined;
  if (resource.id && !previous) throw notFound(resource.id);
  const now = new Date().toISOString();
  const user = { ...plain(instance), id: resource.id ?? randomUUID() };
  user.meta = { created: previous?.meta.created ?? now, lastModified: now };
  if (previous) byUserName.delete(String(previous.userName).toLowerCase());
  if (!previous) {
    stats.userCreates++;
    stats.createsByUserName[key] = (stats.createsByUserName[key] ?? 0) + 1;
  }
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
  return resource.filter ? resource.filter.match([...users.values()]) : [...users.values()];
}

function writeGroup(resource, instance) {
  if (resource.id && !groups.has(resource.id)) throw notFound(resource.id);
  if (!resource.id) stats.groupCreates++;
  const group = { ...plain(instance), id: resource.id ?? randomUUID(), meta: { lastModified: new Date().toISOString() } };
  groups.set(group.id, group);
  return group;
}

function readGroups(resource) {
  if (resource.id) {
    const group = groups.get(resource.id);
    if (!group) throw notFound(resource.id);
    return group;
  }
  return resource.filter ? resource.filter.match([...groups.values()]) : [...groups.values()];
}

function disposeUser(resource) {
  const user = users.get(resource.id);
  if (!user) throw notFound(resource.id);
  users.delete(resource.id);
  byUserName.delete(String(user.userName).toLowerCase());
}

function disposeGroup(resource) {
  if (!groups.delete(resource.id)) throw notFound(resource.id);
}

SCIMMY.Config.set('patch', process.env.PATCH !== 'false');
SCIMMY.Config.set('filter', 1000);
SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser)).ingress(writeUser).egress(readUsers).degress(disposeUser);
SCIMMY.Resources.declare(SCIMMY.Resources.Group).ingress(writeGroup).egress(readGroups).degress(disposeGroup);

const app = express();
// scimmy pages only when startIndex and count are numbers; express hands query values over as strings.
app.set('query parser', (text) => {
  const query = Object.fromEntries(new URLSearchParams(text));
  for (const key of ['startIndex', 'count']) if (query[key] !== undefined) query[key] = Number(query[key]);
  return query;
});
app.get('/stats', (_req, res) => res.json(stats));
app.use(
  '/scim/v2',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (req.header('Authorization') !== `Bearer ${token}`) throw new Error('Authorization not detected');
      return 'outbound-test';
    },
  }),
);

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
