// Sends bytes as they are over a TCP socket and reads one HTTP/1.1 answer: for requests fetch() refuses to
// send (bad percent-encoding, control characters, conflicting lengths, unknown methods).
import { connect } from 'node:net';

/** One parsed answer. `body` is the raw text (chunked encoding undone). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` to 127.0.0.1:`port` and resolves with the first answer, read until the server closes. */
export function rawRequest(port: number, request: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // write, not end: a half-closed request may be dropped before its answer; `Connection: close` ends it.
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length ? finish() : reject(error)));
    socket.on('close', () => finish());
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    }
  });
}

function parseResponse(bytes: Buffer): RawResponse {
  // Interim answers (100 Continue) come first; the final one follows.
  while (/^HTTP\/1\.1 1\d\d /.test(bytes.toString('latin1', 0, 13))) bytes = bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
  const text = bytes.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no complete HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(Buffer.byteLength(text.slice(0, split + 4), 'latin1'));
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
