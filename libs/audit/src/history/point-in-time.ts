// What a resource looked like at a revision or a moment, rebuilt from its stream with the domain's own
// evolve step (applyIdentityEvent), as the read model renders it: members ordered by value, meta from
// the create time, the last event's time and revision.
import type { RecordedEvent } from '@scim-hub/event-store';
import { applyIdentityEvent, upcast } from '@scim-hub/identity';
import type { MemberRef, ScimResource } from '@scim-hub/scim';
import { auditTimeOf } from '../index-model/audit-record';
import { isErasedData } from '../erasure/personal-streams';

/** A stream revision (0-based) or an ISO-8601 moment. */
export type PointInTime = { revision: number } | { time: string };

/** A resource as it was at a point in time. */
export interface ResourceSnapshot {
  /** The canonical resource (with `id`, without `meta`); `erased` resources hold only their id. */
  resource: ScimResource;
  version: number;
  created: string;
  lastModified: string;
  /** True when the user's personal data was erased: the snapshot has no attribute values. */
  erased: boolean;
}

const REVISION = /^\d{1,9}$/;
// RFC 3339 date-time (the `at` of a history query); Date.parse alone would accept "1" or "March 7".
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `at`: a non-negative integer is a revision, an RFC 3339 date-time a moment; anything else undefined. */
export function parsePointInTime(at: string): PointInTime | undefined {
  if (REVISION.test(at)) return { revision: Number(at) };
  if (!DATE_TIME.test(at) || Number.isNaN(Date.parse(at))) return undefined;
  return { time: new Date(Date.parse(at)).toISOString() };
}

/** Folds the stream's events up to `at`; undefined when the resource did not exist then (not yet, or deleted). */
export function resourceAt(events: readonly RecordedEvent[], at: PointInTime): ResourceSnapshot | undefined {
  let snapshot: ResourceSnapshot | undefined;
  for (const recorded of events) {
    const time = auditTimeOf(recorded);
    if ('revision' in at ? recorded.revision > at.revision : time > at.time) break;
    const erased = (snapshot?.erased ?? false) || isErasedData(recorded.data);
    const resource = applyIdentityEvent(snapshot?.resource, upcast(recorded));
    snapshot = resource && {
      resource: erased ? { id: resource['id'] as string } : resource,
      version: recorded.revision,
      created: snapshot?.created ?? time,
      lastModified: time,
      erased,
    };
  }
  return snapshot && { ...snapshot, resource: ordered(snapshot.resource) };
}

// The read model returns members ordered by member id; so does the rebuilt resource.
function ordered(resource: ScimResource): ScimResource {
  const members = resource['members'];
  if (!Array.isArray(members)) return resource;
  const sorted = [...(members as unknown as MemberRef[])].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { ...resource, members: sorted as unknown as ScimResource[string] };
}
