// A group event may carry a member's `display` text when a SCIM client sends one (Entra ID sends only the id). For
// a user member that text is the person's name, so it is sealed with that user's key like the user's own events:
// once the user is erased, the group's events still name the member by id, and the text is gone.
import type { EventJson } from '@scim-hub/event-store';
import { isSealed, openText, sealText, type SealedData } from './sealed-data';

const GROUP_STREAM = /^[^/]+\/Group\/[^/]+$/;
const MEMBER_EVENTS = new Set(['GroupCreated', 'GroupMembersAdded']);

interface StoredMember {
  value: string;
  type?: string;
  display?: string | SealedData;
}

/** The keys this process holds, by subject; a subject without one reads as erased. */
export type KeyOf = (subject: string) => Buffer | undefined;

/** A group event's members, when it is one that adds members; undefined otherwise. */
function membersOf(streamId: string, type: string, data: EventJson): StoredMember[] | undefined {
  if (!MEMBER_EVENTS.has(type) || !GROUP_STREAM.test(streamId)) return undefined;
  const members = data['members'];
  return Array.isArray(members) ? (members as StoredMember[]) : undefined;
}

const tenantOf = (groupStreamId: string): string => groupStreamId.slice(0, groupStreamId.indexOf('/'));

/** The user stream whose key seals a member's display text (the write side fills in every added member's type). */
const memberSubject = (tenant: string, member: StoredMember): string | undefined =>
  member.type === 'User' ? `${tenant}/User/${member.value}` : undefined;

// The event id and the member bind a sealed text to its place: it cannot be moved to another member or event.
const boundTo = (eventId: string, member: StoredMember): string => `${eventId}/members/${member.value}`;

const NONE: readonly string[] = [];

/**
 * The users whose keys are needed to seal (`sealing`: display texts in clear) or to open (sealed ones) the display
 * texts of an event; empty for every event that is not a group's member addition with such texts.
 */
export function displaySubjects(streamId: string, type: string, data: EventJson, sealing: boolean): readonly string[] {
  const members = membersOf(streamId, type, data);
  if (!members) return NONE;
  const tenant = tenantOf(streamId);
  const subjects: string[] = [];
  for (const member of members) {
    const pending = sealing ? typeof member.display === 'string' : isSealed(member.display);
    const subject = pending ? memberSubject(tenant, member) : undefined;
    if (subject) subjects.push(subject);
  }
  return subjects.length > 0 ? subjects : NONE;
}

/**
 * The event's data with each user member's display text sealed with that user's key. A user without a key was
 * erased while the group was written: the text is dropped.
 */
export function sealDisplays(streamId: string, eventId: string, data: EventJson, keyOf: KeyOf): EventJson {
  return mapMembers(streamId, data, (member, subject) => {
    if (typeof member.display !== 'string') return member;
    const key = keyOf(subject);
    return key ? { ...member, display: sealText(member.display, key, boundTo(eventId, member)) } : withoutDisplay(member);
  });
}

/** The event's data with each sealed display text opened, or dropped when the member's key was destroyed. */
export function openDisplays(streamId: string, eventId: string, data: EventJson, keyOf: KeyOf): EventJson {
  return mapMembers(streamId, data, (member, subject) => {
    if (!isSealed(member.display)) return member;
    const key = keyOf(subject);
    return key ? { ...member, display: openText(member.display, key, boundTo(eventId, member)) } : withoutDisplay(member);
  });
}

// Only called for events displaySubjects named, so `members` is an array of members.
function mapMembers(streamId: string, data: EventJson, change: (member: StoredMember, subject: string) => StoredMember): EventJson {
  const tenant = tenantOf(streamId);
  const members = (data['members'] as StoredMember[]).map((member) => {
    const subject = memberSubject(tenant, member);
    return subject ? change(member, subject) : member;
  });
  return { ...data, members };
}

function withoutDisplay(member: StoredMember): StoredMember {
  const rest = { ...member };
  delete rest.display;
  return rest;
}
