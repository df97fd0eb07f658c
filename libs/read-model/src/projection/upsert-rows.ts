// The rows an upsert of a projection plan writes, and what differs from the stored row; shared by the writers.
import { changedColumns, resourceRows, sameEmailRows, type ResourceRow, type ResourceRows } from '../sql';
import type { CurrentResource, ResourceWrite } from './projection.plan';
import type { ResourceKey } from './resource-key';

type Upsert = Extract<ResourceWrite, { kind: 'upsert' }>;

/** The read-model rows of a resource as the plan holds it. */
export function rowsOfResource(key: ResourceKey, resource: CurrentResource): ResourceRows {
  return resourceRows(key.tenant, key.resourceType, resource.doc, { created: resource.created, lastModified: resource.lastModified, version: resource.version });
}

/** An upsert's new rows, and for a stored resource the columns that changed and whether its email rows did. */
export interface UpsertRows {
  rows: ResourceRows;
  /** Undefined for a resource not stored before the batch (insert it whole). */
  changed?: { columns: (keyof ResourceRow)[]; emails: boolean };
}

export function upsertRows(write: Upsert): UpsertRows {
  const rows = rowsOfResource(write.key, write.resource);
  if (!write.stored) return { rows };
  const before = rowsOfResource(write.key, write.stored);
  return { rows, changed: { columns: changedColumns(before.resource, rows.resource), emails: !sameEmailRows(before.emails, rows.emails) } };
}
