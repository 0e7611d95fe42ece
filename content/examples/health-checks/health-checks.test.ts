import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The health-checks lesson shows server.mjs and healthcheck.mjs. These tests run them as real
 * processes against a stand-in database (a TCP listener) and hold them to what the lesson says.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const DRAIN_MS = 800;

interface Response {
  status: number;
  body: Record<string, unknown>;
}

function get(port: number, urlPath: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
  });
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on. */
async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface App {
  child: ChildProcess;
  port: number;
  logs: Array<{ msg: string }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startApp(dbPort: number): Promise<App> {
  const child = spawn(process.execPath, [path.join(here, 'server.mjs')], {
    env: { PATH: process.env.PATH, PORT: '0', DB_PORT: String(dbPort), DRAIN_MS: String(DRAIN_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<{ msg: string; port?: number }> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const entry = JSON.parse(line) as { msg: string; port?: number };
        logs.push(entry);
        if (entry.msg === 'listening' && entry.port) resolve(entry.port);
      }
    });
    void exited.then(() => reject(new Error('server.mjs exited before listening')));
  });
  return { child, port, logs, exited };
}

function runHealthcheck(port: number): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(here, 'healthcheck.mjs')], {
    env: { PATH: process.env.PATH, PORT: String(port) },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('health-checks example', () => {
  let database: net.Server;
  let app: App;

  beforeEach(async () => {
    database = net.createServer((socket) => socket.end());
    app = await startApp(await listen(database));
  });

  afterEach(async () => {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await app.exited;
    if (database.listening) await new Promise((resolve) => database.close(resolve));
  });

  it('reports alive and ready while the database is reachable', async () => {
    expect(await get(app.port, '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(app.port, '/health/ready')).toEqual({ status: 200, body: { status: 'ready', database: true } });
  });

  it('turns readiness 503 during a database outage, while liveness stays 200', async () => {
    await new Promise((resolve) => database.close(resolve));
    expect(await get(app.port, '/health/ready')).toEqual({ status: 503, body: { status: 'not-ready', database: false } });
    expect((await get(app.port, '/health')).status).toBe(200);
  });

  it('healthcheck.mjs exits 0 when /health answers and 1 when nothing listens', async () => {
    expect(await runHealthcheck(app.port)).toBe(0);
    expect(await runHealthcheck(await unusedPort())).toBe(1);
  });

  it('healthcheck.mjs gives up on a server that accepts but never answers', async () => {
    const silent = net.createServer(() => {});
    const started = Date.now();
    try {
      expect(await runHealthcheck(await listen(silent))).toBe(1);
    } finally {
      silent.close();
    }
    // Its own 2 s limit, well inside the HEALTHCHECK --timeout of 5 s the lesson sets.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('healthcheck.mjs reports a non-200 answer as unhealthy', async () => {
    const failing = http.createServer((_req, res) => res.writeHead(500).end());
    try {
      expect(await runHealthcheck(await listen(failing))).toBe(1);
    } finally {
      failing.close();
    }
  });

  it('on SIGTERM, turns readiness 503 first, keeps serving for the drain delay, then exits 0', async () => {
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    // Right after the signal: not ready, but alive and still serving requests.
    await expect.poll(async () => (await get(app.port, '/health/ready')).status).toBe(503);
    expect((await get(app.port, '/health/ready')).body).toEqual({ status: 'shutting-down' });
    expect((await get(app.port, '/health')).status).toBe(200);
    expect((await get(app.port, '/')).status).toBe(200);
    // A second signal does not start the sequence again.
    app.child.kill('SIGTERM');

    const { code, signal } = await app.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(app.logs.map((entry) => entry.msg)).toEqual([
      'listening',
      'SIGTERM: readiness is 503, still serving',
      'closing the listener',
      'closed',
    ]);
  });
});
