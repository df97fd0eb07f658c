export * from './patch-change';
