// A small keep-alive HTTP client for preloading and setup; the timed scenarios use autocannon instead.
import * as http from 'node:http';

/** A parsed answer: status code and JSON body (undefined when empty or not JSON). */
export interface ScimAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/** Sends SCIM requests to one system over a pool of keep-alive sockets on 127.0.0.1. */
export class ScimClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    private readonly token: string,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Sends one request (a string body is sent as is); rejects only on a transport error, never on a status. */
  request(method: string, path: string, body?: unknown): Promise<ScimAnswer> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${this.token}`, accept: 'application/scim+json' };
    if (payload) {
      headers['content-type'] = 'application/scim+json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')) }));
        res.on('error', reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends a request and fails unless the status is the expected one; returns the body. */
  async expect(status: number | number[], method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.request(method, path, body);
    if (![status].flat().includes(answer.status)) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)?.slice(0, 300)}`);
    }
    return answer.body ?? {};
  }

  /** Closes the pooled sockets. */
  close(): void {
    this.agent.destroy();
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text.slice(0, 300) };
  }
}
