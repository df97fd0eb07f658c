/** The three PATCH operations (RFC 7644 §3.5.2), normalised to lower case. */
export type PatchOpName = 'add' | 'replace' | 'remove';

/** One PATCH operation as sent: `op` as given on the wire, optional `path`, optional `value`. */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}
