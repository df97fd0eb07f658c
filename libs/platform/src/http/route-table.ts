import type { FastifyInstance } from 'fastify';

interface Pattern {
  readonly method: string;
  readonly regex: RegExp;
}

/**
 * The methods each path answers, learnt from the routes as they are registered, so that a known path asked
 * with another method gets 405 with `Allow` (RFC 9110 §15.5.6) instead of 404. Catch-all routes (`*`) are
 * left out: they answer "no such endpoint", which says nothing about the methods a path supports.
 */
export class RouteTable {
  private readonly patterns: Pattern[] = [];

  /** Records every route registered on `fastify` from now on. */
  watch(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      if (route.url.includes('*')) return;
      const regex = new RegExp(`^${route.url.split('/').map(segmentPattern).join('/')}/?$`);
      for (const method of [route.method].flat()) this.patterns.push({ method, regex });
    });
  }

  /** The methods routes serve at `path` (no query string), sorted; empty when no route has it. */
  allowedMethods(path: string): string[] {
    const methods = new Set(this.patterns.filter((p) => p.regex.test(path)).map((p) => p.method));
    return [...methods].sort();
  }
}

function segmentPattern(segment: string): string {
  return segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
