// The request sequence of each scenario. Every system gets the same sequences from the same seeded generator.
import type autocannon from 'autocannon';
import type { BenchConfig } from './bench.config';
import type { ScenarioId } from './bench.types';
import type { LoadSpec } from './load.runner';
import { addMembersBody, BASE, filterPath, preloadedUserName, replaceBody, userBody } from './scim.bodies';

/** What the preload left behind for the scenarios to use. */
export interface BenchState {
  userIds: string[];
  bigGroupId: string;
  /** Users not yet in the big group, one per member-add request. */
  outsiderIds: string[];
}

/** A scenario's load without the target system (port and token are added when it runs). */
export type ScenarioLoad = Omit<LoadSpec, 'port' | 'token'> & { label: string };

// mulberry32: a tiny seeded generator, so every system is asked for the same users in the same order per connection.
function seeded(seed: number): (below: number) => number {
  let a = seed >>> 0;
  return (below) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** 10000 → "10k", 200 → "200". */
export function count(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

const ONE_RESULT = /"totalResults"\s*:\s*1\b/;
const FIRST_ID = /"id"\s*:\s*"([^"]+)"/;

function timed(config: BenchConfig): Pick<LoadSpec, 'connections' | 'durationSec' | 'amount' | 'watchdogSec'> {
  if (config.fixedAmount) return { connections: config.connections, amount: config.fixedAmount, watchdogSec: 120 };
  return { connections: config.connections, durationSec: config.durationSec, watchdogSec: config.durationSec + 30 };
}

function filterLoad(users: number, config: BenchConfig): ScenarioLoad {
  const pick = seeded(users);
  return {
    ...timed(config),
    label: `GET /Users?filter=userName eq … (${count(users)} users)`,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: filterPath(preloadedUserName(pick(users))) }) }],
    check: (_status, body) => ONE_RESULT.test(body),
  };
}

function groupGetLoad(state: BenchState, config: BenchConfig): ScenarioLoad {
  return {
    ...timed(config),
    label: `GET /Groups/{id}?excludedAttributes=members (${count(config.bigGroupMembers)} members)`,
    requests: [{ method: 'GET', path: `${BASE}/Groups/${state.bigGroupId}?excludedAttributes=members` }],
    check: (_status, body) => body.includes(state.bigGroupId) && !body.includes('"members"'),
  };
}

// One connection: Entra sends one group's membership PATCHes one after another, and each latency is what counts.
function memberAddLoad(state: BenchState, config: BenchConfig): ScenarioLoad {
  let next = 0;
  return {
    connections: 1,
    amount: config.memberAdds,
    watchdogSec: 300,
    label: `PATCH add 1 member ×${config.memberAdds}, sequential (group of ${count(config.bigGroupMembers)})`,
    requests: [
      {
        method: 'PATCH',
        path: `${BASE}/Groups/${state.bigGroupId}`,
        setupRequest: (req) => ({ ...req, body: addMembersBody([state.outsiderIds[next++ % state.outsiderIds.length]]) }),
      },
    ],
  };
}

function patchLoad(state: BenchState, config: BenchConfig): ScenarioLoad {
  const pick = seeded(7);
  let n = 0;
  return {
    ...timed(config),
    label: `PATCH /Users/{id} replace 2 attributes (${count(state.userIds.length)} users)`,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (req) => ({ ...req, path: `${BASE}/Users/${state.userIds[pick(state.userIds.length)]}`, body: replaceBody(n++) }),
      },
    ],
  };
}

function createLoad(config: BenchConfig): ScenarioLoad {
  let n = 0;
  return {
    ...timed(config),
    label: 'POST /Users (unique userName each)',
    requests: [{ method: 'POST', path: `${BASE}/Users`, setupRequest: (req) => ({ ...req, body: userBody(`bench.new.${n}@contoso.example`, n++) }) }],
  };
}

// Entra's match-then-act (docs/entra-compatibility.md, "How Entra's own engine provisions" steps 3-5): query by userName, create if absent, else update.
function entraMixLoad(state: BenchState, config: BenchConfig): ScenarioLoad {
  const pick = seeded(11);
  const users = state.userIds.length;
  let fresh = 0;
  const matchRequest: autocannon.Request = {
    method: 'GET',
    setupRequest: (req, context) => {
      const existing = pick(2) === 0;
      context.userName = existing ? preloadedUserName(pick(users)) : `bench.mix.${fresh++}@contoso.example`;
      return { ...req, path: filterPath(String(context.userName)) };
    },
    onResponse: (_status, body, context) => {
      context.id = ONE_RESULT.test(body) ? FIRST_ID.exec(body)?.[1] : undefined;
    },
  };
  const actRequest: autocannon.Request = {
    setupRequest: (req, context) =>
      context.id
        ? { ...req, method: 'PATCH', path: `${BASE}/Users/${String(context.id)}`, body: replaceBody(fresh) }
        : { ...req, method: 'POST', path: `${BASE}/Users`, body: userBody(String(context.userName), fresh) },
  };
  return { ...timed(config), label: 'Entra mix: GET by userName, then POST if absent or PATCH if present', requests: [matchRequest, actRequest] };
}

/** The load of one scenario over what the preload left behind. */
export function scenarioLoad(id: ScenarioId, state: BenchState, config: BenchConfig): ScenarioLoad {
  switch (id) {
    case 'filter-small':
      return filterLoad(config.usersSmall, config);
    case 'filter-large':
      return filterLoad(config.usersLarge, config);
    case 'group-get':
      return groupGetLoad(state, config);
    case 'group-add-member':
      return memberAddLoad(state, config);
    case 'patch-replace':
      return patchLoad(state, config);
    case 'create':
      return createLoad(config);
    case 'entra-mix':
      return entraMixLoad(state, config);
    default: {
      const unknown: never = id;
      throw new Error(`unknown scenario ${String(unknown)}`);
    }
  }
}
