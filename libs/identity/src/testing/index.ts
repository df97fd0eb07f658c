/** given/when/then over a decider (Jest `expect` is used for the assertions). */
export { deciderSpec } from './decider-spec';
/** The check object returned by `when`. */
export type { DeciderThen } from './decider-spec';
