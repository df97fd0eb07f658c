import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import type { ProjectorLag } from '@scim-hub/read-model';
import { until } from '@scim-hub/testing';
import { busLagReporter } from './bus-lag.reporter';

const event = () => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: {}, metadata: { tenant: 't', time: new Date().toISOString() } });

describe('busLagReporter', () => {
  it('measures once per interval from the latest position, and again after the last batch', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('t/User/a', 'no_stream', [event(), event(), event()]);
    const [first, second, third] = await store.readAll({});
    const reports: ProjectorLag[] = [];
    const report = busLagReporter(store, (lag) => reports.push(lag), 5);
    report(first.position);
    report(second.position);
    await until(() => reports.length === 1, 'one measurement for both batches');
    expect(reports[0]).toMatchObject({ eventsBehind: 1, eventsBehindCapped: false });
    report(third.position);
    await until(() => reports.length === 2, 'a measurement after the last batch');
    expect(reports[1]).toEqual({ eventsBehind: 0, eventsBehindCapped: false, secondsBehind: 0 });
    await store.close();
  });
});
