import { request } from 'node:http';

/**
 * POSTs a request whose Content-Length announces `length` bytes but sends only the first 64 KiB, and
 * resolves with the server's answer — for testing body limits without racing the server's connection close.
 */
export function postAnnouncingLength(url: string, token: string, length: number): Promise<{ status: number; contentType: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'content-length': String(length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.write('{"userName":"big@x","title":"' + 'x'.repeat(64 * 1024));
  });
}
