// What a throughput target asks of a server's CPU. A Node.js server runs all its JavaScript on one thread, so it
// cannot answer more requests per second than 1,000 ms over its main thread's CPU ms per request; and the server
// with its database cannot use more than the machine's CPUs. A target above either bound cannot be reached by
// waiting or by load: that much CPU per request has to go first. The bench appends this to every missed
// throughput target, so a run says how far each one is from possible, not only how far from met.
import type { ResultRow } from './bench.types';

/** The CPU budget per request of a target rate, next to what the row spent. */
export interface Headroom {
  /** The req/s the target asks for. */
  neededPerSec: number;
  /** The main thread's CPU ms per request at that rate if it did nothing else (one core). */
  mainBudgetMs: number;
  mainMs: number;
  /** The CPU ms per request the server and its database may spend together at that rate on `cpus` CPUs, before
   * the load generator's own share. */
  machineBudgetMs: number;
  machineMs: number;
  cpus: number;
}

/** The budget of `neededPerSec` for `row`; undefined when the row carries no main-thread figure. */
export function headroomOf(row: ResultRow, neededPerSec: number, cpus: number): Headroom | undefined {
  if (row.mainThreadCpuMsPerOk === undefined || !(neededPerSec > 0) || !(cpus > 0)) return undefined;
  return {
    neededPerSec,
    mainBudgetMs: 1000 / neededPerSec,
    mainMs: row.mainThreadCpuMsPerOk,
    machineBudgetMs: (cpus * 1000) / neededPerSec,
    machineMs: row.cpuMsPerOk + (row.dbCpuMsPerOk ?? 0),
    cpus,
  };
}

const ms = (value: number): string => value.toFixed(3);

/** How much of a spend must go to fit a budget, as a share of the spend ('' when it fits). */
function mustGo(spent: number, budget: number): string {
  return spent > budget ? `, ${(100 * (1 - budget / spent)).toFixed(0)} % of it must go` : ', within it';
}

/** The budget as one sentence for a target's detail. */
export function describeHeadroom(h: Headroom, database: boolean): string {
  const who = database ? 'the server and its database' : 'the server';
  return (
    `at ${h.neededPerSec.toFixed(0)} req/s the main thread has ${ms(h.mainBudgetMs)} ms per request ` +
    `(it spends ${ms(h.mainMs)}${mustGo(h.mainMs, h.mainBudgetMs)}) and ${who} ${ms(h.machineBudgetMs)} ms of the ` +
    `${h.cpus} CPUs before the load generator's share (${database ? 'they spend' : 'it spends'} ${ms(h.machineMs)}` +
    `${mustGo(h.machineMs, h.machineBudgetMs)})`
  );
}
