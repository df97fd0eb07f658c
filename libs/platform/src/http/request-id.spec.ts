import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a short, safe caller id', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it.each([[undefined], [''], ['has space'], ['x'.repeat(129)], ['line\nbreak'], ['{"json":1}']])('replaces %j with a UUID', (header) => {
    expect(requestIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
