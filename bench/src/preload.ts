// Preloads data through each system's own SCIM API, concurrently, as fast as it will take it.
import { addMembersBody, BASE, groupBody, preloadedUserName, userBody } from './scim.bodies';
import type { ScimClient } from './scim.client';

/** Runs task(i) for every i in [from, to) with `concurrency` tasks in flight; fails past the deadline. */
export async function runPool(from: number, to: number, concurrency: number, deadline: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      if (Date.now() > deadline) throw new Error(`preload passed its time bound at item ${next} of ${to}`);
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, to - from)) }, worker));
}

/** Creates users [from, to) named preloadedUserName(i) and stores their ids in `ids[i]`. */
export async function preloadUsers(client: ScimClient, ids: string[], from: number, to: number, concurrency: number, deadline: number): Promise<void> {
  await runPool(from, to, concurrency, deadline, async (i) => {
    const body = await client.expect(201, 'POST', `${BASE}/Users`, userBody(preloadedUserName(i), i));
    ids[i] = String(body.id);
  });
}

/** Creates `count` empty groups named `<prefix>-<i>` and returns their ids. */
export async function preloadGroups(client: ScimClient, count: number, concurrency: number, deadline: number, prefix = 'bench-group'): Promise<string[]> {
  const ids: string[] = [];
  await runPool(0, count, concurrency, deadline, async (i) => {
    const body = await client.expect(201, 'POST', `${BASE}/Groups`, groupBody(`${prefix}-${i}`));
    ids[i] = String(body.id);
  });
  return ids;
}

/** Adds members to one group in PATCHes of `chunk` members, one PATCH at a time (Entra's order for one group). */
export async function fillGroup(client: ScimClient, groupId: string, members: string[], chunk: number, deadline: number): Promise<void> {
  for (let at = 0; at < members.length; at += chunk) {
    if (Date.now() > deadline) throw new Error(`group fill passed its time bound at member ${at} of ${members.length}`);
    await client.expect([200, 204], 'PATCH', `${BASE}/Groups/${groupId}`, addMembersBody(members.slice(at, at + chunk)));
  }
}
