/** A downstream SCIM application as the dispatcher sees it, and where targets come from. */
export * from './target.definition';
