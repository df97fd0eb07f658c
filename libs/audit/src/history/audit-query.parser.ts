// Query parameters of /admin/audit… (and the same options of `scim-hub audit`), checked here so that bad input
// is a 400 invalidValue, never a 500.
import { DEFAULT_TENANT, TENANT_RULE, isValidTenant } from '@scim-hub/access';
import type { AuditListQuery, AuditPageRequest } from '../index-model/audit-index.port';
import { parsePointInTime, type PointInTime } from './point-in-time';
import { invalidValue } from '@scim-hub/scim';

/** Raw query string values as fastify hands them over. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** Largest page of audit entries. */
export const MAX_AUDIT_PAGE = 1000;
const DEFAULT_PAGE = 100;

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalidValue(`${name} may be given once`);
  return value === undefined || value === '' ? undefined : value;
}

function integer(query: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const text = single(query, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text)) throw invalidValue(`${name} must be an integer from ${min} to ${max}`);
  return Math.min(max, Math.max(min, Number(text)));
}

/** `tenant`, default `default`. */
export function tenantOf(query: RawQuery): string {
  const tenant = single(query, 'tenant') ?? DEFAULT_TENANT;
  if (!isValidTenant(tenant)) throw invalidValue(`tenant must be ${TENANT_RULE}`);
  return tenant;
}

/** `startIndex` (1-based, default 1) and `count` (0..1000, default 100), as in RFC 7644 §3.4.2.4. */
export function pageOf(query: RawQuery): AuditPageRequest {
  return { startIndex: integer(query, 'startIndex', 1, 1, 999_999_999), count: integer(query, 'count', DEFAULT_PAGE, 0, MAX_AUDIT_PAGE) };
}

/** `at`: a revision or an RFC 3339 date-time. */
export function pointInTimeOf(query: RawQuery): PointInTime {
  const at = single(query, 'at');
  if (at === undefined) throw invalidValue('at is required: a revision (0, 1, …) or an RFC 3339 date-time');
  const point = parsePointInTime(at);
  if (!point) throw invalidValue(`at must be a revision (0, 1, …) or an RFC 3339 date-time, not ${JSON.stringify(at.slice(0, 80))}`);
  return point;
}

function moment(query: RawQuery, name: string): string | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const point = parsePointInTime(text);
  if (!point || !('time' in point)) throw invalidValue(`${name} must be an RFC 3339 date-time`);
  return point.time;
}

/** The filters of GET /admin/audit; tenant is optional there (all tenants when absent). */
export function listQueryOf(query: RawQuery): AuditListQuery {
  const tenant = single(query, 'tenant');
  if (tenant !== undefined && !isValidTenant(tenant)) throw invalidValue(`tenant must be ${TENANT_RULE}`);
  const type = single(query, 'type');
  if (type !== undefined && !/^[A-Za-z]{1,64}$/.test(type)) throw invalidValue('type must be User, Group or an event type such as UserCreated');
  const actor = single(query, 'actor');
  if (actor !== undefined && actor.length > 200) throw invalidValue('actor must be at most 200 characters');
  return { ...pageOf(query), tenant, actor, since: moment(query, 'since'), until: moment(query, 'until'), type };
}
