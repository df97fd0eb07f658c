import { FULL } from '../bench.config';
import { loadConfigOf, parseInterleavedArgs } from './interleaved.config';

describe('parseInterleavedArgs', () => {
  it('defaults to SQLite, the three CPU-target scenarios, 5,000 users, 2 rounds of 8 slices of 3 s, pinned', () => {
    const config = parseInterleavedArgs([]);
    expect(config).toMatchObject({ store: 'sqlite', scenarios: ['filter-large', 'patch-replace', 'create'], users: 5000, slices: 8, sliceSec: 3, rounds: 2, same: false, pin: true });
    expect(config.connections).toBe(FULL.connections);
  });

  it('reads every flag', () => {
    const config = parseInterleavedArgs(['--store', 'postgres', '--scenarios', 'create,entra-mix', '--users', '300', '--slices', '2', '--slice-sec', '1', '--rounds', '1', '--connections', '8', '--same', '--no-pin', '--out-dir', '/tmp/x']);
    expect(config).toEqual({ store: 'postgres', scenarios: ['create', 'entra-mix'], users: 300, slices: 2, sliceSec: 1, rounds: 1, connections: 8, same: true, pin: false, outDir: '/tmp/x' });
  });

  it('refuses scenarios that need preloaded groups, unknown stores and non-integer sizes', () => {
    expect(() => parseInterleavedArgs(['--scenarios', 'group-get'])).toThrow(/group-get not measurable interleaved/);
    expect(() => parseInterleavedArgs(['--store', 'mysql'])).toThrow(/--store/);
    expect(() => parseInterleavedArgs(['--users', '2.5'])).toThrow(/--users: expected a positive integer/);
    expect(() => parseInterleavedArgs(['--slices', '0'])).toThrow(/--slices/);
  });
});

describe('loadConfigOf', () => {
  it('gives the scenario loads one population and the slice as their duration', () => {
    const load = loadConfigOf(parseInterleavedArgs(['--users', '300', '--slice-sec', '2', '--connections', '4']));
    expect(load).toMatchObject({ usersSmall: 300, usersLarge: 300, durationSec: 2, connections: 4, fixedAmount: undefined });
  });
});
