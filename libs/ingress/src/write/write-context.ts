/** Who asked for a write and from where: becomes the events' metadata (the audit trail). */
export interface WriteContext {
  tenant: string;
  requestId: string;
  /** Token id of the caller. */
  actor: string;
  clientAddress?: string;
  userAgent?: string;
  /** Names (never values) of request attributes the schema does not define and the write ignored. */
  ignoredAttributes?: string[];
}
