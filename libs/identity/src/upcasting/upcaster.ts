const MAX_STEPS = 100;

/** An event as stored: its type, the schema version it was written with, and its payload. */
export interface EventRecord {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** One upgrade step from (type, version) to a later version; it may also rename the type. */
export type UpcastStep = (record: EventRecord) => EventRecord;

/** Upgrade steps keyed by `upcastKey(type, fromVersion)`. */
export type UpcasterRegistry = ReadonlyMap<string, UpcastStep>;

/** The registry key of the step that upgrades `type` written at `version`. */
export function upcastKey(type: string, version: number): string {
  return `${type}@${version}`;
}

/** Builds a registry from `[type, fromVersion, step]` entries. */
export function upcasterRegistry(entries: readonly [type: string, fromVersion: number, step: UpcastStep][]): UpcasterRegistry {
  return new Map(entries.map(([type, version, step]) => [upcastKey(type, version), step]));
}

/**
 * An upcaster: reads a stored record of any known version and returns the current event shape by chaining
 * registry steps; a step may rename a retired type to a current one. Throws (a data error, 500 — not a
 * ScimError) on an unknown type, a version from the future, a missing step, or a step that does not move forward.
 */
export function createUpcaster<E extends { type: string; data: unknown }>(
  currentVersions: Readonly<Record<E['type'], number>>,
  registry: UpcasterRegistry,
): (record: EventRecord) => E {
  const versions = new Map<string, number>(Object.entries(currentVersions));
  return (stored) => {
    let record = stored;
    // A bound on the chain, so that a registry that renames in a circle fails instead of spinning.
    for (let steps = 0; steps <= MAX_STEPS; steps++) {
      const current = versions.get(record.type);
      if (record.schemaVersion === current) return { type: record.type, data: record.data } as E;
      if (current !== undefined && record.schemaVersion > current) {
        throw new Error(`${record.type} v${record.schemaVersion} is newer than v${current}`);
      }
      // A retired type name (not current) is readable as long as the registry maps it to a current one.
      const step = registry.get(upcastKey(record.type, record.schemaVersion));
      if (!step && current === undefined) throw new Error(`Unknown event type ${record.type}`);
      if (!step) throw new Error(`No upcaster for ${record.type} v${record.schemaVersion}`);
      const next = step(record);
      if (next.schemaVersion <= record.schemaVersion && next.type === record.type) {
        throw new Error(`Upcaster for ${record.type} v${record.schemaVersion} does not advance the version`);
      }
      record = next;
    }
    throw new Error(`Upcasting ${stored.type} v${stored.schemaVersion} did not end after ${MAX_STEPS} steps`);
  };
}
