// Turns a batch of recorded events into the row writes that bring the read model up to date. Pure:
// the adapters load the touched resources, call planProjection, and execute the plan in one transaction.
import { comparePositions, type Position, type RecordedEvent } from '@scim-hub/event-store';
import { upcast, type IdentityEvent } from '@scim-hub/identity';
import type { MemberRef, ScimResource } from '@scim-hub/scim';
import { parseResourceStreamId, resourceKeyString, type ResourceKey } from './resource-key';
import { applyToDocument, createdDocument } from './resource-document';

/** A resource row as the planner needs it. `doc` is canonical, without `members` and `meta`. */
export interface CurrentResource {
  doc: ScimResource;
  version: number;
  created: string;
  lastModified: string;
}

/** A change to membership rows; only the delta rows are written (a 50,000-member group is never rewritten). */
export type MemberWrite =
  | { kind: 'add'; tenant: string; groupId: string; members: MemberRef[] }
  | { kind: 'remove'; tenant: string; groupId: string; values: string[] }
  | { kind: 'clearGroup'; tenant: string; groupId: string }
  | { kind: 'leaveAllGroups'; tenant: string; memberId: string };

/** A change to one resource row (and, for upserts and deletes, its email rows). */
export type ResourceWrite =
  /** `stored`: the row as it was before this batch (absent for a new resource), so that a writer can change only
   * the columns and email rows that differ: an in-place update rewrites only the indexes of changed columns. */
  | { kind: 'upsert'; key: ResourceKey; resource: CurrentResource; stored?: CurrentResource }
  | { kind: 'touch'; key: ResourceKey; version: number; lastModified: string }
  | { kind: 'delete'; key: ResourceKey };

/** Everything one batch writes; membership writes run in event order, then resource writes. */
export interface ProjectionPlan {
  members: MemberWrite[];
  resources: ResourceWrite[];
  /** The new checkpoint: the last event of the batch, or undefined when nothing was after the old one. */
  checkpoint: Position | undefined;
}

interface WorkingResource {
  key: ResourceKey;
  /** As loaded before the batch. */
  stored: CurrentResource | undefined;
  current: CurrentResource | undefined;
  docChanged: boolean;
  touched: boolean;
}

/** The resources a batch touches after `checkpoint`, so that the adapter can load them first. */
export function resourcesToLoad(events: RecordedEvent[], checkpoint: Position | undefined): ResourceKey[] {
  const keys = new Map<string, ResourceKey>();
  for (const event of events) {
    const key = isAfter(event.position, checkpoint) ? parseResourceStreamId(event.streamId) : undefined;
    if (key) keys.set(resourceKeyString(key), key);
  }
  return [...keys.values()];
}

/**
 * Plans the writes of one batch. Events at or before `checkpoint` are skipped (idempotent re-delivery),
 * and so is any event whose revision the stored resource already reflects.
 */
export function planProjection(
  events: RecordedEvent[],
  checkpoint: Position | undefined,
  loaded: ReadonlyMap<string, CurrentResource>,
): ProjectionPlan {
  const plan: ProjectionPlan = { members: [], resources: [], checkpoint: undefined };
  const working = new Map<string, WorkingResource>();
  let last = checkpoint;
  for (const recorded of events) {
    if (!isAfter(recorded.position, last)) continue;
    last = recorded.position;
    plan.checkpoint = recorded.position;
    const key = parseResourceStreamId(recorded.streamId);
    if (!key) continue;
    const name = resourceKeyString(key);
    let state = working.get(name);
    if (!state) {
      const stored = loaded.get(name);
      state = { key, stored, current: stored, docChanged: false, touched: false };
      working.set(name, state);
    }
    applyRecorded(state, recorded, plan);
  }
  for (const state of working.values()) {
    const write = resourceWrite(state);
    if (write) plan.resources.push(write);
  }
  return plan;
}

function applyRecorded(state: WorkingResource, recorded: RecordedEvent, plan: ProjectionPlan): void {
  const event = upcast({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data });
  const isCreate = event.type === 'UserCreated' || event.type === 'GroupCreated';
  if (state.current ? recorded.revision <= state.current.version : !isCreate) return;
  const time = eventTime(recorded);
  const { tenant, id } = state.key;
  switch (event.type) {
    case 'UserCreated':
    case 'GroupCreated':
      state.current = { doc: createdDocument(event), version: recorded.revision, created: time, lastModified: time };
      state.docChanged = true;
      if (event.type === 'GroupCreated' && event.data.members.length > 0)
        plan.members.push({ kind: 'add', tenant, groupId: id, members: event.data.members });
      return;
    case 'GroupMembersAdded':
      plan.members.push({ kind: 'add', tenant, groupId: id, members: event.data.members });
      return bump(state, recorded.revision, time);
    case 'GroupMembersRemoved':
      plan.members.push({ kind: 'remove', tenant, groupId: id, values: event.data.values });
      return bump(state, recorded.revision, time);
    case 'UserDeleted':
    case 'GroupDeleted':
      return deleteResource(state, plan);
    default:
      return applyAttributes(state, event, recorded.revision, time);
  }
}

function applyAttributes(state: WorkingResource, event: IdentityEvent, revision: number, time: string): void {
  const current = state.current as CurrentResource;
  state.current = { ...current, doc: applyToDocument(current.doc, event) };
  state.docChanged = true;
  bump(state, revision, time);
}

function bump(state: WorkingResource, revision: number, time: string): void {
  const current = state.current as CurrentResource;
  state.current = { ...current, version: revision, lastModified: time };
  state.touched = true;
}

// RFC 7644 §3.6: the service provider MAY remove references to a deleted resource; a deleted user or
// group leaves every group, and a deleted group's own membership rows go with it.
function deleteResource(state: WorkingResource, plan: ProjectionPlan): void {
  const { tenant, id, resourceType } = state.key;
  if (resourceType === 'Group') plan.members.push({ kind: 'clearGroup', tenant, groupId: id });
  plan.members.push({ kind: 'leaveAllGroups', tenant, memberId: id });
  state.current = undefined;
  state.touched = true;
}

function resourceWrite(state: WorkingResource): ResourceWrite | undefined {
  const { key, current } = state;
  if (!current) return state.touched ? { kind: 'delete', key } : undefined;
  if (state.docChanged) return { kind: 'upsert', key, resource: current, ...(state.stored ? { stored: state.stored } : {}) };
  if (state.touched) return { kind: 'touch', key, version: current.version, lastModified: current.lastModified };
  return undefined;
}

function isAfter(position: Position, checkpoint: Position | undefined): boolean {
  return !checkpoint || comparePositions(position, checkpoint) > 0;
}

// The time the command was decided (metadata.time) is what the write side answers with in `meta`;
// the store's recordedAt is the fallback. Normalised to ISO-8601 UTC with milliseconds (lexical = time order).
function eventTime(recorded: RecordedEvent): string {
  for (const candidate of [recorded.metadata?.time, recorded.recordedAt]) {
    const millis = typeof candidate === 'string' ? Date.parse(candidate) : NaN;
    if (!Number.isNaN(millis)) return new Date(millis).toISOString();
  }
  return new Date(0).toISOString();
}
