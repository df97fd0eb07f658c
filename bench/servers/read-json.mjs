// A request body read as JSON (an empty body reads as {}), for the bench's plain node:http servers.

/** Resolves with the parsed body; rejects with a SyntaxError when it is not JSON. */
export function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}
