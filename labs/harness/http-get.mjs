// @ts-check
import http from 'node:http';

/**
 * @typedef {object} HttpGetOptions
 * @property {string} host
 * @property {number} port
 * @property {string} path
 * @property {number} timeoutMs
 * @property {number} [maxBodyBytes] body bytes kept; the rest is read and dropped
 */

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string }
 *   | { status: null, error: string }} HttpGetResult
 * error is a Node error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT) or a message.
 */

/**
 * One GET on a fresh connection that asks to be closed, the way orchestrator probes
 * behave: it never borrows or keeps a socket, so it cannot hold a shutdown open.
 * Never rejects.
 * @param {HttpGetOptions} options
 * @returns {Promise<HttpGetResult>}
 */
export function httpGet({ host, port, path, timeoutMs, maxBodyBytes = 4096 }) {
  return new Promise((resolve) => {
    let settled = false;
    /** @param {HttpGetResult} result */
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = http.request({ host, port, path, method: 'GET', agent: false, headers: { connection: 'close' } }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let kept = 0;
      res.on('data', (/** @type {Buffer} */ chunk) => {
        if (kept >= maxBodyBytes) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () => {
        finish({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'),
        });
      });
      res.on('error', () => finish({ status: null, error: 'ECONNRESET' }));
      res.on('close', () => {
        if (!res.complete) finish({ status: null, error: 'ECONNRESET' });
      });
    });
    const timer = setTimeout(() => {
      finish({ status: null, error: 'ETIMEDOUT' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => finish({ status: null, error: errorCode(error) }));
    req.end();
  });
}

/**
 * @param {Error & { code?: unknown }} error
 * @returns {string}
 */
export function errorCode(error) {
  return typeof error.code === 'string' ? error.code : error.message;
}

/**
 * @param {http.IncomingHttpHeaders} headers
 * @returns {Record<string, string>}
 */
function flattenHeaders(headers) {
  /** @type {Record<string, string>} */
  const flat = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
