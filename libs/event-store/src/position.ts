import type { Position } from './event-store.port';

/** Orders two log positions by (commit, prepare): negative, zero or positive like a sort comparator. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** The later of two positions; `undefined` counts as "before the first event". */
export function maxPosition(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a) return b;
  if (!b) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}

/** Serializes a position as `<commit>:<prepare>` (decimal), e.g. for a checkpoint column or an HTTP header. */
export function positionToString(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

const POSITION_TEXT = /^(\d{1,20}):(\d{1,20})$/;

/** Parses the output of `positionToString`; throws a RangeError on anything else. */
export function positionFromString(text: string): Position {
  const position = positionIn(text);
  if (!position) throw new RangeError(`not a log position: ${JSON.stringify(text)}`);
  return position;
}

/** A stored position (a checkpoint column): undefined when none is stored; throws a RangeError when it is malformed. */
export function storedPosition(text: string | null | undefined): Position | undefined {
  return text ? positionFromString(text) : undefined;
}

/** Parses the output of `positionToString`; undefined for anything else (no exception to build on a hot path). */
export function positionIn(text: string): Position | undefined {
  const match = POSITION_TEXT.exec(text);
  return match ? { commit: BigInt(match[1]), prepare: BigInt(match[2]) } : undefined;
}
