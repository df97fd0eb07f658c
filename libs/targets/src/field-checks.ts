// Small checks shared by the target body validator; each throws a TargetValidationError naming its field.
import { fieldError } from './target-validation.error';

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** The value as a plain object, or a message naming the field. */
export function objectAt(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fieldError(field, 'must be an object');
  return value as JsonObject;
}

/** Refuses members other than `allowed` (a typo must not silently fall back to a default). */
export function onlyKnown(object: JsonObject, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) fieldError(`${prefix}${key}`, `is not a known field (known: ${allowed.join(', ')})`);
  }
}

/** A non-empty string of at most `max` characters. */
export function stringAt(value: unknown, field: string, max = 2048): string {
  if (typeof value !== 'string' || value.trim() === '') fieldError(field, 'must be a non-empty string');
  if (value.length > max) fieldError(field, `must be at most ${max} characters`);
  return value;
}

/** An absolute http(s) URL without query or fragment, returned without trailing slashes. */
export function httpUrlAt(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fieldError(field, 'must be an http(s) URL');
  if (url.search || url.hash) fieldError(field, 'must not have a query or fragment');
  if (url.username || url.password) fieldError(field, 'must not carry credentials (use auth)');
  return text.replace(/\/+$/, '');
}

/** An integer in [min, max]. */
export function integerAt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fieldError(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** A number in (0, max]. */
export function positiveAt(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    fieldError(field, `must be a number greater than 0 and at most ${max}`);
  }
  return value;
}

/** One of `choices`. */
export function oneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (!choices.includes(value as T)) fieldError(field, `must be ${choices.join(' or ')}`);
  return value as T;
}

/** A non-empty array without duplicates whose items pass `item`. */
export function distinctArrayAt<T>(value: unknown, field: string, item: (v: unknown, f: string) => T, max = 100): T[] {
  if (!Array.isArray(value) || value.length === 0) fieldError(field, 'must be a non-empty array');
  if (value.length > max) fieldError(field, `must have at most ${max} items`);
  const items = value.map((v, i) => item(v, `${field}[${i}]`));
  if (new Set(items).size !== items.length) fieldError(field, 'must not repeat an item');
  return items;
}
