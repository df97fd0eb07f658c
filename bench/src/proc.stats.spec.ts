import { readFileSync } from 'node:fs';
import { readCommandCpuSeconds, readCpuSeconds, readMainThreadCpuSeconds } from './proc.stats';

describe('readCommandCpuSeconds', () => {
  it('sums the CPU of every process running a command, this one included', () => {
    const started = Date.now();
    while (Date.now() - started < 100); // some CPU of our own, so both readings are well above zero
    const own = readCpuSeconds(process.pid);
    expect(own).toBeGreaterThan(0);
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Other processes may run the same command (Jest's parent and workers), so the sum can only be larger.
    expect(readCommandCpuSeconds(command)).toBeGreaterThanOrEqual(own);
  });

  it('reads zero for a command nothing runs', () => {
    expect(readCommandCpuSeconds('no-such-command-here')).toBe(0);
  });
});

describe('readMainThreadCpuSeconds', () => {
  it("reads the main thread's CPU, which is part of the whole process's", () => {
    const mainBefore = readMainThreadCpuSeconds(process.pid);
    // Busy on this (the main) thread until it has had 100 ms of CPU: on a loaded machine that takes longer than
    // 100 ms of wall time (process.cpuUsage counts every thread, but the loop is nearly all of it).
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      const used = process.cpuUsage(cpuBefore);
      if (used.user + used.system >= 100_000) break;
    }
    const main = readMainThreadCpuSeconds(process.pid);
    // Read after the main thread, so everything counted there is counted here too.
    const whole = readCpuSeconds(process.pid);
    expect(main - mainBefore).toBeGreaterThan(0.05);
    expect(main).toBeLessThanOrEqual(whole);
  });
});
