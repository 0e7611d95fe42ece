import { request } from 'node:http';
import { connect } from 'node:net';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerFixture, FIXTURE_ASSET, FIXTURE_PAGE, startServer, type RunningServer } from './server-process.js';

/** Sends a raw request target without any client-side normalisation of `..` or `%2e`. */
function rawGet(port: number, target: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = await buildServerFixture();
  server = await startServer(root, { SHUTDOWN_DRAIN_MS: '0' });
});
afterAll(async () => {
  await server?.stop();
});

describe('static pages and assets', () => {
  it('serves a page with isolation and security headers and a CSP that admits its inline script', async () => {
    const res = await rawGet(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(FIXTURE_PAGE);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const { createHash } = await import('node:crypto');
    const inline = "document.documentElement.dataset.theme = 'dark';";
    expect(csp).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(csp).toMatch(/script-src [^;]*'self'/);
    expect(csp).not.toMatch(/script-src [^;]*unsafe-inline/);
  });

  it('serves hashed assets as immutable, with the same security headers', async () => {
    const res = await rawGet(server.port, '/_astro/app.Ab12Cd34.js');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(FIXTURE_ASSET);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('sends the precompressed variant the client accepts, and identity otherwise', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const br = await rawGet(server.port, '/lessons/one/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toContain('Lesson one');
    const gz = await rawGet(server.port, '/lessons/one/', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('Lesson one');
    const plain = await rawGet(server.port, '/lessons/one/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('Lesson one');
  });

  it('answers a matching ETag with 304 and no body', async () => {
    const first = await rawGet(server.port, '/lessons/one/');
    const again = await rawGet(server.port, '/lessons/one/', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('redirects a lesson path without its trailing slash', async () => {
    const res = await rawGet(server.port, '/lessons/one?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/lessons/one/?x=1');
  });

  it("serves the site's own 404 page with status 404", async () => {
    const res = await rawGet(server.port, '/no/such/page/');
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('Not part of the course');
    expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/lessons/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5c%2e%2e%5csecret.txt',
    '/index.html%00.js',
    '/%c0%ae%c0%ae/secret.txt',
    '/%',
  ])('refuses the traversal attempt %s without leaking the file', async (target) => {
    const res = await rawGet(server.port, target);
    expect([400, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('TOP-SECRET');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST', agent: false }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(res).toBe(405);
  });
});

describe('health endpoints and logs', () => {
  it('reports liveness and readiness as small JSON bodies', async () => {
    const live = await rawGet(server.port, '/health');
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body.toString())).toEqual({ status: 'ok' });
    const ready = await rawGet(server.port, '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body.toString())).toEqual({ status: 'ready' });
  });

  it("echoes a proxy's X-Request-Id and logs one access line carrying it", async () => {
    const res = await rawGet(server.port, '/lessons/one/', { 'x-request-id': 'edge-42.abc' });
    expect(res.headers['x-request-id']).toBe('edge-42.abc');
    await expect.poll(() => server.logs.filter((line) => line.reqId === 'edge-42.abc' && line.msg === 'request')).toHaveLength(1);
    const line = server.logs.find((l) => l.reqId === 'edge-42.abc')!;
    expect(line).toMatchObject({ level: 'info', method: 'GET', url: '/lessons/one/', status: 200 });
  });

  it('generates a request id when none or an unsafe one is sent', async () => {
    const res = await rawGet(server.port, '/', { 'x-request-id': 'bad id with spaces' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'not-a-port' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SHUTDOWN_DRAIN_MS: '-1' }, 'SHUTDOWN_DRAIN_MS'],
    [{ SHUTDOWN_TIMEOUT_MS: '5s' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SHIPSHAPE_LAB_RUNTIME: 'yes' }, 'SHIPSHAPE_LAB_RUNTIME'],
  ])('stops at start with a message naming the variable for %o', (env, variable) => {
    const result = spawnSync(process.execPath, [path.join(root, 'server/main.js')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain(variable);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('malformed requests', () => {
  it('answers garbage with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await rawGet(server.port, '/health')).status).toBe(200);
  });
});
