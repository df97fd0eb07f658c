/** PatchChange / MemberRef: what a PATCH changed, per top-level attribute, with members as deltas. */
export * from './patch-change';
/** PatchOperation / PatchOpName: one PATCH operation as sent, and the three op names. */
export * from './patch-operation';
/** parsePatchRequest(body): validates a PatchOp message (RFC 7644 §3.5.2) and returns its operations; normaliseOp reads one `op`. */
export * from './patch-request.parser';
/** applyPatch(resource, operations, schema, options): applies operations without mutating the input and lists the changes. */
export * from './patch.apply';
/** ignoredPatchAttributes(operations, schema): the names applyPatch ignores because the schema does not define them. */
export * from './ignored-patch-attributes';
