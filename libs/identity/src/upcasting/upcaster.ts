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
 * registry steps. Throws (a data error, 500 — not a ScimError) on an unknown type, a version from the
 * future, a missing step, or a step that does not move forward.
 */
export function createUpcaster<E extends { type: string; data: unknown }>(
  currentVersions: Readonly<Record<E['type'], number>>,
  registry: UpcasterRegistry,
): (record: EventRecord) => E {
  const versions: Readonly<Record<string, number | undefined>> = currentVersions;
  return (stored) => {
    let record = stored;
    for (;;) {
      const current = versions[record.type];
      if (current === undefined) throw new Error(`Unknown event type ${record.type}`);
      if (record.schemaVersion === current) return { type: record.type, data: record.data } as E;
      if (record.schemaVersion > current) throw new Error(`${record.type} v${record.schemaVersion} is newer than v${current}`);
      const step = registry.get(upcastKey(record.type, record.schemaVersion));
      if (!step) throw new Error(`No upcaster for ${record.type} v${record.schemaVersion}`);
      const next = step(record);
      if (next.schemaVersion <= record.schemaVersion && next.type === record.type) {
        throw new Error(`Upcaster for ${record.type} v${record.schemaVersion} does not advance the version`);
      }
      record = next;
    }
  };
}
