/** How the deciders read PATCH values; from configuration (HUB_SCHEMA_STRICT). */
export interface DeciderOptions {
  /** Refuse attribute names a PATCH value carries that the schema does not define, instead of ignoring them. */
  strictSchema?: boolean;
}
