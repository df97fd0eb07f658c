// Drives one system with autocannon and turns the run into figures: successful requests/s and exact latency
// percentiles (from each response's own high-resolution time, not autocannon's 1 ms histogram).
import autocannon from 'autocannon';
import type { LoadFigures } from './bench.types';

/** One timed load: who, how hard, for how long, which requests, and how to tell a right answer. */
export interface LoadSpec {
  port: number;
  token: string;
  connections: number;
  /** Either a duration or a fixed amount of requests bounds the run. */
  durationSec?: number;
  amount?: number;
  requests: autocannon.Request[];
  /** A 2xx answer whose body fails this check counts as an error, so a fast wrong answer does not count. */
  check?: (status: number, body: string) => boolean;
  /** Hard stop, whatever the system does. */
  watchdogSec: number;
}


function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function withCheck(requests: autocannon.Request[], check: LoadSpec['check'], onWrong: () => void): autocannon.Request[] {
  if (!check) return requests;
  return requests.map((request) => ({
    ...request,
    onResponse: (status, body, context, headers) => {
      if (status >= 200 && status < 300 && !check(status, body)) onWrong();
      request.onResponse?.(status, body, context, headers);
    },
  }));
}

interface Tally {
  latencies: number[];
  wrong: number;
  non2xx: number;
  startedAt: bigint;
  lastAnswerAt: bigint;
}

function figures(tally: Tally, transportErrors: number): LoadFigures {
  const sorted = Float64Array.from(tally.latencies).sort();
  const ok = tally.latencies.length - tally.wrong;
  // autocannon rounds its duration up to its 1 s sampling tick; the span to the last answer is the real one.
  const durationSec = Number(tally.lastAnswerAt - tally.startedAt) / 1e9;
  return {
    requests: tally.latencies.length + tally.non2xx + transportErrors,
    ok,
    errors: tally.non2xx + transportErrors + tally.wrong,
    durationSec,
    okPerSec: durationSec > 0 ? ok / durationSec : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
  };
}

/** Runs the load and resolves with its figures; rejects only if autocannon itself fails. */
export function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const startedAt = process.hrtime.bigint();
  const tally: Tally = { latencies: [], wrong: 0, non2xx: 0, startedAt, lastAnswerAt: startedAt };
  return new Promise((resolve, reject) => {
    const options: autocannon.Options = {
      url: `http://127.0.0.1:${spec.port}`,
      connections: spec.connections,
      timeout: 30,
      headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/scim+json' },
      requests: withCheck(spec.requests, spec.check, () => tally.wrong++),
      ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSec }),
    };
    const instance = autocannon(options, (err, result) => {
      clearTimeout(watchdog);
      if (err) reject(err);
      else resolve(figures(tally, result.errors));
    });
    const watchdog = setTimeout(() => instance.stop(), spec.watchdogSec * 1000);
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      tally.lastAnswerAt = process.hrtime.bigint();
      if (status >= 200 && status < 300) tally.latencies.push(responseTime);
      else tally.non2xx++;
    });
  });
}
