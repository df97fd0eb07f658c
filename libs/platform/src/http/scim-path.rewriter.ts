/**
 * A fastify `rewriteUrl` that spells the first segment after `prefix` as `names` do, compared
 * case-insensitively, so `/scim/v2/users` and `/scim/v2/GROUPS/{id}` reach the `/Users` and `/Groups`
 * routes. SCIM clients differ here (RFC 7644 §3.2 names the endpoints but not their case) and Microsoft's
 * reference server matches them in any case. Only that segment (and a `.search` after it) is touched:
 * ids, query strings and every path outside the SCIM base stay exactly as sent.
 */
export function scimPathRewriter(prefix: string, names: readonly string[]): (url: string) => string {
  const canonical = new Map(names.map((name) => [name.toLowerCase(), name]));
  const start = `${prefix}/`;
  return (url) => {
    if (!url.startsWith(start)) return url;
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const segments = path.slice(start.length).split('/');
    const first = canonical.get(segments[0].toLowerCase()) ?? segments[0];
    const second = segments[1]?.toLowerCase() === '.search' ? '.search' : segments[1];
    if (first === segments[0] && second === segments[1]) return url;
    segments[0] = first;
    if (second !== undefined) segments[1] = second;
    return start + segments.join('/') + (queryAt < 0 ? '' : url.slice(queryAt));
  };
}
