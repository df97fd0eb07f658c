export * from './scim-error';
export * from './scim-errors';
