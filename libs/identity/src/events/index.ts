export * from './identity-event';
