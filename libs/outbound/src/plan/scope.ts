// Which users a target receives (TargetScope): a SCIM filter on the user and/or direct membership of listed
// groups; both must hold when both are given. Groups themselves are always in scope; their out-of-scope
// members are simply not sent (they stay deferred until they enter the scope).
import { evaluateFilter, parseFilter, USER, type Filter, type ScimResource } from '@scim-hub/scim';
import type { TargetScope } from '../target.definition';

const parsed = new Map<string, Filter>();

function filterOf(text: string): Filter {
  let filter = parsed.get(text);
  if (!filter) parsed.set(text, (filter = parseFilter(text)));
  return filter;
}

/** Whether a user is in a target's scope; `inScopeGroup` says whether it is a member of one of `scope.groups`. */
export function userInScope(user: ScimResource, scope: TargetScope | undefined, inScopeGroup: boolean): boolean {
  if (!scope) return true;
  if (scope.groups && scope.groups.length > 0 && !inScopeGroup) return false;
  return !scope.userFilter || evaluateFilter(filterOf(scope.userFilter), user, USER);
}

/** Whether a target's scope depends on group membership (so membership changes re-evaluate users). */
export function scopesByGroups(scope: TargetScope | undefined): boolean {
  return (scope?.groups?.length ?? 0) > 0;
}
