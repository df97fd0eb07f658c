// Measures what the member Map design buys: evolve of member deltas on a 50,000-member group, in place
// (the decider) versus copying the Map per event (the naive immutable evolve), and PATCH decisions.
// Run: node tools/run-ts.js libs/identity/bench/group-evolve.bench.ts
import type { MemberRef } from '@scim-hub/scim';
import { foldEvents, groupDecider, type GroupCommand, type GroupEvent, type GroupState } from '../src';

const MEMBERS = 50_000;
const ADDS = 100;
const decider = groupDecider();
const member = (value: string): MemberRef => ({ value });
const created: GroupEvent = {
  type: 'GroupCreated',
  data: { id: 'g', resource: { displayName: 'All' }, members: Array.from({ length: MEMBERS }, (_, i) => member(`u${i}`)) },
};
const adds: GroupEvent[] = Array.from({ length: ADDS }, (_, i) => ({ type: 'GroupMembersAdded', data: { members: [member(`n${i}`)] } }));

function time<T>(label: string, setup: () => T, run: (input: T) => unknown, repeat = 5): void {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const input = setup();
    const start = performance.now();
    run(input);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(66)} median ${samples[Math.floor(repeat / 2)].toFixed(2)} ms`);
}

const fresh = () => foldEvents(decider, [created]);

function copyingEvolve(state: GroupState, event: GroupEvent): GroupState {
  if (!state.exists || event.type !== 'GroupMembersAdded') return decider.evolve(state, event);
  const members = new Map(state.members);
  for (const m of event.data.members) if (!members.has(m.value)) members.set(m.value, m);
  return { ...state, members };
}

time(`fold GroupCreated with ${MEMBERS} members`, () => undefined, fresh);
time(`evolve ${ADDS} GroupMembersAdded, Map mutated in place`, fresh, (state) => foldEvents(decider, adds, state));
time(`evolve ${ADDS} GroupMembersAdded, Map copied per event`, fresh, (state) => adds.reduce(copyingEvolve, state));
const addOne: GroupCommand = { type: 'PatchGroup', operations: [{ op: 'Add', path: 'members', value: [{ value: 'x' }] }] };
const removeAll: GroupCommand = { type: 'PatchGroup', operations: [{ op: 'remove', path: 'members' }] };
time('decide Entra PATCH add 1 member (named members only)', fresh, (state) => decider.decide(addOne, state));
time('decide PATCH remove all members (full list to applyPatch)', fresh, (state) => decider.decide(removeAll, state));
