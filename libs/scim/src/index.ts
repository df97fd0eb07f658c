export * from './resource';
export * from './errors';
export * from './schema';
export * from './patch';
export * from './filter';
