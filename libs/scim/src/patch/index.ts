export * from './patch-change';
export type { PatchOperation, PatchOpName } from './patch-operation';
export * from './patch-request.parser';
export * from './patch.apply';
