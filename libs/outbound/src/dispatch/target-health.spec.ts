import { DeliveryError } from '../delivery/delivery-error';
import { TargetHealth } from './target-health';

const refused = new DeliveryError('ECONNREFUSED', true);
const unauthorized = new DeliveryError('401', true, 401);
const serverError = new DeliveryError('500', true, 500);
const throttled = new DeliveryError('429', true, 429);
const badRequest = new DeliveryError('400', false, 400);

describe('TargetHealth', () => {
  it('fails after five target failures in a row (connection refused, 401)', () => {
    const health = new TargetHealth();
    for (let i = 0; i < 4; i++) health.record(false, i % 2 ? refused : unauthorized);
    expect(health.failing()).toBe(false);
    health.record(false, refused);
    expect(health.failing()).toBe(true);
  });

  it('fails when most of the last ten calls failed, even with successes in between', () => {
    const health = new TargetHealth();
    for (let i = 0; i < 10; i++) health.record(i % 5 !== 0 ? false : true, refused);
    expect(health.failing()).toBe(true);
  });

  it('does not count refused changes, throttling or one resource’s 500 against the target', () => {
    const health = new TargetHealth();
    for (let i = 0; i < 10; i++) health.record(false, [badRequest, throttled, serverError][i % 3]);
    expect(health.failing()).toBe(false);
  });

  it('forgets on reset', () => {
    const health = new TargetHealth();
    for (let i = 0; i < 6; i++) health.record(false, refused);
    health.reset();
    expect(health.failing()).toBe(false);
  });
});
