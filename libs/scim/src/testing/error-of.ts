import { isScimError, type ScimError } from '../errors';

/** Runs `fn` and returns the ScimError it throws; fails the test when it returns or throws anything else. */
export function errorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (isScimError(e)) return e;
    throw e;
  }
  throw new Error('expected a ScimError, got a result');
}
