// The peer: an independent SCIM server built the way scimmy's README shows (scimmy resources + scimmy-routers on
// express 5) over an in-memory store. It gets a userName index, so a `userName eq` filter is a Map lookup and the
// figures measure scimmy's protocol work, not a linear scan. Plain JS: no compiler hook inflates its CPU or RSS.
import { randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const users = new Map();
const byUserName = new Map();
const groups = new Map();

// A stored copy, as a database would keep it (scimmy hands out schema instances).
const plain = (value) => JSON.parse(JSON.stringify(value));

function notFound(id) {
  return new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);
}

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
  users.set(user.id, user);
  byUserName.set(key, user);
  return user;
}

// RFC 7644 §3.4.2.2: a single `userName eq` is answered from the index; anything else falls back to scimmy's matcher.
function readUsers(resource) {
  if (resource.id) {
    const user = users.get(resource.id);
    if (!user) throw notFound(resource.id);
    return user;
  }
  const filter = resource.filter;
  if (!filter) return [...users.values()];
  const only = filter.length === 1 ? filter[0] : undefined;
  const keys = only ? Object.keys(only) : [];
  if (keys.length === 1 && keys[0] === 'userName' && only.userName[0] === 'eq') {
    const user = byUserName.get(String(only.userName[1]).toLowerCase());
    return user ? [user] : [];
  }
  return filter.match([...users.values()]);
}

function writeGroup(resource, instance) {
  if (resource.id && !groups.has(resource.id)) throw notFound(resource.id);
  const now = new Date().toISOString();
  const group = { ...plain(instance), id: resource.id ?? randomUUID(), meta: { lastModified: now } };
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

function dispose(store) {
  return (resource) => {
    if (!store.delete(resource.id)) throw notFound(resource.id);
  };
}

// Entra sends the enterprise extension on every user; declared so scimmy keeps it rather than dropping it.
SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser)).ingress(writeUser).egress(readUsers).degress(dispose(users));
SCIMMY.Resources.declare(SCIMMY.Resources.Group).ingress(writeGroup).egress(readGroups).degress(dispose(groups));

const app = express();
app.get('/readyz', (_req, res) => res.json({ status: 'ok' }));
app.use(
  '/scim/v2',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (!req.header('Authorization')?.startsWith('Bearer ')) throw new Error('Authorization not detected');
      return 'bench';
    },
  }),
);

const server = app.listen(Number(process.env.PORT), '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
