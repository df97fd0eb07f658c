// RFC 7644 §3.4.2.3 sorting as SQL: one text expression over alias `r` per sort target, in the order the RFC asks
// for (case-insensitive strings compare case-folded, case-exact ones as they are, code-point order on both
// databases), NULL when the resource has no value. Paging adds a "has no value" flag ahead of it, so that resources
// without one come last when ascending and first when descending, and every column of the key is non-null text.
import type { SortTarget } from '@scim-hub/scim';
import { topScalar } from './filter-sources';
import type { SqlDialect } from './sql-params';

// The case folding the filters use (the *_ci columns hold the same): JS toLowerCase on both databases.
function lower(dialect: SqlDialect, x: string): string {
  return dialect === 'sqlite' ? `scim_lower(${x})` : `lower(${x} COLLATE "und-x-icu")`;
}

function singleValue(dialect: SqlDialect, target: Extract<SortTarget, { kind: 'single' }>): string {
  const scalar = topScalar(dialect, target.attribute, target.sub);
  if (target.def.type === 'boolean') {
    const value = scalar.typed('boolean');
    return `(CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} THEN '1' ELSE '0' END)`;
  }
  // ISO-8601 columns (meta.created, meta.lastModified) sort lexically in time order; other values sort as the text
  // they were stored with.
  const text = scalar.isoDateTime ? scalar.typed('dateTime') : scalar.typed('string');
  return target.def.type === 'string' && !target.def.caseExact && !scalar.lowered ? lower(dialect, text) : text;
}

// The primary email, else the first (RFC 7644 §3.4.2.3 on multi-valued attributes); value_ci is case-folded.
const EMAIL_VALUE =
  '(SELECT e.value_ci FROM scim_emails e WHERE e.tenant = r.tenant AND e.resource_type = r.resource_type AND e.id = r.id ' +
  'ORDER BY CASE WHEN e.is_primary THEN 0 ELSE 1 END, e.ord LIMIT 1)';

/** The sort value of `target` for the row `r` (text or NULL), or undefined when nothing is sorted. */
export function sortValueSql(dialect: SqlDialect, target: SortTarget): string | undefined {
  if (target.kind === 'none') return undefined;
  const value = target.kind === 'emails' ? EMAIL_VALUE : singleValue(dialect, target);
  return dialect === 'postgres' ? `(${value})::text COLLATE "C"` : `CAST(${value} AS TEXT)`;
}
