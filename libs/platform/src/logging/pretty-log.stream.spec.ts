import { formatLogLine, prettyLogStream } from './pretty-log.stream';
import { createLogger } from './create-logger';

describe('formatLogLine', () => {
  it('renders time, level, context, message and the other fields', () => {
    const line = JSON.stringify({ level: 30, time: '2026-11-27T16:07:01.123Z', service: 'scim-hub', msg: 'request completed', method: 'GET', route: '/scim/v2/Users', status: 200, ms: 3.1 });
    expect(formatLogLine(line)).toBe('16:07:01.123 INFO  request completed method=GET route=/scim/v2/Users status=200 ms=3.1\n');
  });

  it('shows the context in brackets, colours the level when asked, and indents an error stack', () => {
    const line = JSON.stringify({ level: 50, time: '2026-11-27T16:07:01.123Z', context: 'Projector', msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatLogLine(line, true)).toBe('16:07:01.123 \u001b[31mERROR\u001b[0m [Projector] failed\n    Error: boom\n        at x\n');
  });

  it('passes text that is not JSON through unchanged', () => {
    expect(formatLogLine('not json')).toBe('not json');
  });

  it('serves as a pino destination', () => {
    const written: string[] = [];
    createLogger('info', prettyLogStream({ write: (t: string) => written.push(t) })).info({ reqId: 'r-1' }, 'hello');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}hello reqId=r-1\n$/);
  });
});
