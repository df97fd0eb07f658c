// Event-store benchmark: append throughput (1 event per append, and batches), and catch-up read rate, for
// SQLite (synchronous FULL and NORMAL) and PostgreSQL, each beside a raw INSERT/SELECT baseline on a plain
// table measured in the same run. Run: npm run bench:store  [-- --single N --batches N --batch-size N]
// PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); skipped with a note if unreachable.
import { type BenchRow, type BenchSizes, printTable } from './bench-kit';
import { benchPostgres } from './postgres.bench-target';
import { benchSqlite } from './sqlite.bench-target';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const sizes: BenchSizes = {
    singleAppends: option('single', 1000),
    batchedAppends: option('batches', 100),
    batchSize: option('batch-size', 100),
  };
  const rows: BenchRow[] = [];
  for (const synchronous of ['FULL', 'NORMAL'] as const) rows.push(...(await benchSqlite(synchronous, sizes)));
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  try {
    rows.push(...(await benchPostgres(url, sizes)));
  } catch (error) {
    console.warn(`skipped PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  }
  printTable(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
