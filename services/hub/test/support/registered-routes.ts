// The routes a fastify instance registered, read from its printRoutes() tree (fastify has no route list API).

/** `METHOD /path/{param}` for every registered route under `prefix` (HEAD, added by fastify for GET, left out). */
export function registeredRoutes(tree: string, prefix: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    const path = stack.join('').replace(/:([A-Za-z]+)/g, '{$1}');
    if (!match[3] || !path.startsWith(prefix)) continue;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes.sort();
}
