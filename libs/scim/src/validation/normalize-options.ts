/** Limits and Entra-compatibility knobs for `normalizeResource`; every field is optional. */
export interface NormalizeOptions {
  /** Largest accepted string value, in UTF-8 bytes (default 16 KiB). */
  maxStringLength?: number;
  /** Largest accepted multi-valued attribute, in elements (default 10,000). */
  maxArrayLength?: number;
  /** Per-attribute overrides of `maxArrayLength`, keyed by attribute name (case-insensitive); `members` defaults to 100,000. */
  maxArrayLengthByAttribute?: Record<string, number>;
  /** Deepest accepted nesting of objects and arrays, the body itself being level 1 (default 10). */
  maxDepth?: number;
  /**
   * Refuse attribute and sub-attribute names the schema does not define (400 invalidValue) instead of ignoring
   * them (default false: ignored, and listed by `normalizeResourceWithReport`).
   */
  strictSchema?: boolean;
}

/** `NormalizeOptions` with every default filled in and the lookup tables lowercased. */
export interface ResolvedNormalizeOptions {
  maxStringLength: number;
  maxArrayLength: number;
  maxArrayLengthByAttribute: Map<string, number>;
  maxDepth: number;
  strictSchema: boolean;
  /** Names of the attributes ignored so far in this call, as `name`, `name.sub` or `<urn>:name` (never values). */
  ignored: Set<string>;
}

/** The defaults of `normalizeResource`. */
export const DEFAULT_NORMALIZE_OPTIONS: Required<NormalizeOptions> = {
  maxStringLength: 16 * 1024,
  maxArrayLength: 10_000,
  // Groups synced from Entra can be large; members arrive in PATCH batches but a PUT may carry them all.
  maxArrayLengthByAttribute: { members: 100_000 },
  maxDepth: 10,
  strictSchema: false,
};

/** Fills in the defaults (with a fresh set of ignored names); per-attribute array limits given by the caller are added to the default ones. */
export function resolveNormalizeOptions(options: NormalizeOptions = {}): ResolvedNormalizeOptions {
  const d = DEFAULT_NORMALIZE_OPTIONS;
  const limits = { ...d.maxArrayLengthByAttribute, ...options.maxArrayLengthByAttribute };
  return {
    maxStringLength: options.maxStringLength ?? d.maxStringLength,
    maxArrayLength: options.maxArrayLength ?? d.maxArrayLength,
    maxArrayLengthByAttribute: new Map(Object.entries(limits).map(([k, v]) => [k.toLowerCase(), v])),
    maxDepth: options.maxDepth ?? d.maxDepth,
    strictSchema: options.strictSchema ?? d.strictSchema,
    ignored: new Set(),
  };
}
