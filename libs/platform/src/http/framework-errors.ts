import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id';
import { SCIM_CONTENT_TYPE } from './scim-content-type';
import { HttpScimError } from './scim-error.shape';

/**
 * fastify's `frameworkErrors`: errors raised while routing, before any hook or handler (a path that is not
 * valid percent-encoding, a path parameter over the router's length limit). Answered as SCIM errors.
 */
export function frameworkErrorHandler(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const scimError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new HttpScimError(414, undefined, 'a path segment of the request URL is too long')
      : new HttpScimError(400, undefined, 'the request URL is not valid (bad percent-encoding)');
  void reply
    .status(scimError.status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', SCIM_CONTENT_TYPE)
    .send(JSON.stringify(scimError.toJSON()));
}

// Node's HTTP parser errors, by code; anything else is a malformed request (400).
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'request headers (or URL) too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'request not received in time' },
  ERR_HTTP_HEADERS_TIMEOUT: { status: 408, detail: 'request headers not received in time' },
};

/**
 * fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before fastify sees them (headers too
 * large, malformed request line, conflicting Content-Length). Answers a SCIM error on the raw socket, then
 * closes it, as Node itself does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, detail: 'malformed HTTP request' };
  answerOnSocket(socket, new HttpScimError(status, undefined, detail));
  socket.destroy(error);
}

/**
 * The HTTP server's `connect` listener: Node hands CONNECT requests (proxy tunnels) to it instead of the
 * router and, without one, drops the connection unanswered. The hub is no proxy: 405.
 */
export function refuseConnect(request: IncomingMessage, socket: Duplex): void {
  answerOnSocket(socket, new HttpScimError(405, undefined, `method CONNECT not allowed on ${String(request.url).slice(0, 200)}`));
  socket.destroy();
}

/**
 * The HTTP server's `checkExpectation` listener: Node answers an `Expect` other than 100-continue itself, with
 * an empty 417 (RFC 9110 §10.1.1); this gives that answer a SCIM error body.
 */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify(new HttpScimError(417, undefined, 'only Expect: 100-continue is supported').toJSON());
  response.writeHead(417, { 'content-type': SCIM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
  request.resume();
}

function answerOnSocket(socket: Duplex, error: HttpScimError): void {
  if (!socket.writable) return;
  const body = JSON.stringify(error.toJSON());
  socket.write(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\nContent-Type: ${SCIM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
