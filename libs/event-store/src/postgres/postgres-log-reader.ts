import type { Position } from '../event-store.port';
import type { LogPage } from '../internal/catch-up-subscription';
import { eventColumns, type PostgresEventRow, toRecordedEvent } from './postgres-rows';
import type { PostgresTables } from './postgres-schema';

/** A page row: the snapshot's xmin on every row, event columns null when the page is empty. */
export type LogReadRow = { snapshot_xmin: string } & ({ [K in keyof PostgresEventRow]: PostgresEventRow[K] | null });

const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * Reads one page of the global log after `after`, in (transaction id, global position) order, showing only rows
 * of transactions older than the oldest one still running — those can never be joined by an earlier row.
 * When the page is not full, everything below that xmin has been seen, so the page reports
 * `scannedTo = (xmin - 1, max)`: waitFor can resolve for positions the prefix filter dropped.
 */
export async function readLogPage(
  query: (sql: string, params: unknown[]) => Promise<LogReadRow[]>,
  tables: PostgresTables,
  after: Position | undefined,
  limit: number,
  prefixes: string[] | undefined,
): Promise<LogPage> {
  const filter = prefixes && prefixes.length > 0 ? 'AND e.stream_id ^@ ANY($4::text[])' : '';
  const params: unknown[] = [(after?.commit ?? 0n).toString(), (after?.prepare ?? 0n).toString(), limit];
  if (filter) params.push(prefixes);
  const rows = await query(
    `WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT snapshot.xmin::text AS snapshot_xmin, page.* FROM snapshot LEFT JOIN LATERAL (
       SELECT ${eventColumns('e')}
       FROM ${tables.events} e
       WHERE e.transaction_id < snapshot.xmin
         AND (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) ${filter}
       ORDER BY e.transaction_id, e.global_position
       LIMIT $3
     ) page ON true`,
    params,
  );
  const events = rows.filter((r) => r.global_position !== null).map((r) => toRecordedEvent(r as PostgresEventRow));
  if (events.length >= limit) return { events };
  const xmin = BigInt(rows[0].snapshot_xmin);
  return { events, scannedTo: { commit: xmin - 1n, prepare: MAX_BIGINT } };
}
