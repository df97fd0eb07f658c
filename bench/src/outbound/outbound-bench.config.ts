// Sizes of `npm run bench:outbound`; every phase is bounded in count and time.

/** What one run measures and how long it may take. */
export interface OutboundBenchConfig {
  /** Users in the hub before the new target is registered (initial sync). */
  syncUsers: number;
  /** Changes written as fast as the hub accepts them (throughput). */
  burstChanges: number;
  /** Steady rate of the latency phase, changes per second. */
  steadyRate: number;
  steadySeconds: number;
  /** Writers in flight at once while loading the hub. */
  writers: number;
  /** Longest wait for the target to catch up in any phase. */
  catchUpTimeoutSec: number;
}

/** Reads `--quick` and OUTBOUND_BENCH_* overrides. */
export function outboundBenchConfig(argv: readonly string[], env: NodeJS.ProcessEnv): OutboundBenchConfig {
  const quick = argv.includes('--quick');
  const n = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    syncUsers: n('OUTBOUND_BENCH_USERS', quick ? 1000 : 10_000),
    burstChanges: n('OUTBOUND_BENCH_BURST', quick ? 300 : 2000),
    steadyRate: n('OUTBOUND_BENCH_RATE', 200),
    steadySeconds: n('OUTBOUND_BENCH_SECONDS', quick ? 3 : 10),
    writers: n('OUTBOUND_BENCH_WRITERS', 8),
    catchUpTimeoutSec: n('OUTBOUND_BENCH_TIMEOUT', quick ? 60 : 300),
  };
}
