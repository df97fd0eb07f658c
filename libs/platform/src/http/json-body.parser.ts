import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpScimError } from './scim-error.shape';

/** Media types named explicitly; anything else (or none) is parsed as JSON too. */
export const JSON_MEDIA_TYPES = ['application/scim+json', 'application/json'];

type Done = (err: Error | null, body?: unknown) => void;

/**
 * Replaces fastify's parsers with one lenient JSON parser: RFC 7644 §3.1 names application/scim+json,
 * Entra sends it (ENTRA.md §1a) and other clients send application/json or nothing, so every content
 * type is read as JSON. Parsing goes through fastify's secure-json-parse, which refuses `__proto__`
 * and `constructor.prototype` keys; that and malformed JSON become 400 invalidSyntax, not a 500.
 * The body limit (413) is enforced by fastify before this runs.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  const parse = (request: FastifyRequest, body: string, done: Done) => {
    if (body.trim() === '') return done(null, undefined);
    secureParse(request, body, (err: Error | null, value?: unknown) =>
      err ? done(new HttpScimError(400, 'invalidSyntax', 'request body is not valid JSON')) : done(null, value),
    );
  };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string', bodyLimit }, parse);
  fastify.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, parse);
}
