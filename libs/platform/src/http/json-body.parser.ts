import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpScimError } from './scim-error.shape';

/** Media types named explicitly; anything else (or none) is parsed as JSON too. */
export const JSON_MEDIA_TYPES = ['application/scim+json', 'application/json'];

type Done = (err: Error | null, body?: unknown) => void;

// Anything that parses as JSON is accepted whatever its label; a body that does not parse is a syntax error
// when it claims to be JSON (or says nothing), and an unsupported media type when it claims to be something
// else (a form, XML): RFC 7644 §3.8 has clients send application/scim+json or application/json.
function parseFailure(request: FastifyRequest): HttpScimError {
  const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase() ?? '';
  if (type === '' || type === 'text/plain' || JSON_MEDIA_TYPES.includes(type) || type.endsWith('+json')) {
    return new HttpScimError(400, 'invalidSyntax', 'request body is not valid JSON');
  }
  return new HttpScimError(415, undefined, `Content-Type ${type.slice(0, 80)} is not supported: send application/scim+json`);
}

/**
 * Replaces fastify's parsers with one lenient JSON parser: RFC 7644 §3.1 names application/scim+json,
 * Entra sends it (docs/entra-compatibility.md, transport and authentication) and other clients send application/json or nothing, so every content
 * type is read as JSON. Parsing goes through fastify's secure-json-parse, which refuses `__proto__`
 * and `constructor.prototype` keys; that and malformed JSON become 400 invalidSyntax, not a 500.
 * The body limit (413) is enforced by fastify before this runs.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  const parse = (request: FastifyRequest, body: string, done: Done) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    // RFC 9110 §8.4: a content coding the server does not decode is 415; the hub decodes none.
    if (encoding && encoding !== 'identity') return done(new HttpScimError(415, undefined, `Content-Encoding ${encoding.slice(0, 40)} is not supported`));
    if (body.trim() === '') return done(null, undefined);
    secureParse(request, body, (err: Error | null, value?: unknown) => (err ? done(parseFailure(request)) : done(null, value)));
  };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string', bodyLimit }, parse);
  fastify.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, parse);
}
