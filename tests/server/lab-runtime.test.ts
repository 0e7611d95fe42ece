import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServerFixture, startServer, type RunningServer } from './server-process.js';

/**
 * The server lab runtime runs learner code, so its bounds are tested with real processes:
 * WebSocket sessions against the real server, the real harness supervisor, real signals.
 */

type Message = { type: string; [key: string]: unknown };

interface Client {
  ws: WebSocket;
  messages: Message[];
  next(predicate: (message: Message) => boolean, timeoutMs?: number): Promise<Message>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

function connect(server: RunningServer, lab = 'test-lab', origin = server.url): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/lab-runtime?lab=${lab}`, { headers: { Origin: origin } });
    const messages: Message[] = [];
    const waiters: Array<{ predicate: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Message;
      messages.push(message);
      for (const waiter of waiters.filter((w) => w.predicate(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    });
    const closed = new Promise<{ code: number; reason: string }>((done) => ws.on('close', (code, reason) => done({ code, reason: reason.toString() })));
    ws.on('unexpected-response', (_, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.on('error', reject);
    const client: Client = {
      ws,
      messages,
      closed,
      send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
      next: (predicate, timeoutMs = 10_000) => {
        const seen = messages.find(predicate);
        if (seen) return Promise.resolve(seen);
        return new Promise((done, fail) => {
          waiters.push({ predicate, resolve: done });
          setTimeout(() => fail(new Error(`no matching message within ${timeoutMs} ms: ${JSON.stringify(messages.slice(-5))}`)), timeoutMs);
        });
      },
    };
    client.next((m) => m.type === 'ready').then(() => resolve(client), reject);
  });
}

const isEvent = (type: string, extra: (event: Record<string, unknown>) => boolean = () => true) => (message: Message) =>
  message.type === 'event' && (message.event as { type: string }).type === type && extra(message.event as Record<string, unknown>);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = await buildServerFixture();
  server = await startServer(root, {
    SHIPSHAPE_LAB_RUNTIME: 'server',
    SHIPSHAPE_LAB_MAX_SESSIONS: '3',
    SHUTDOWN_DRAIN_MS: '0',
    SECRET_TOKEN: 'must-not-reach-learner-code',
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('sessions', () => {
  it('runs the lab app under the harness and streams its output, with a clean environment', async () => {
    const client = await connect(server);
    client.send({ type: 'command', command: { type: 'start' } });
    const log = await client.next(isEvent('log', (e) => String(e.line).startsWith('listening on')));
    const line = String((log.event as { line: string }).line);
    expect(line).toContain('PORT');
    expect(line).not.toContain('SECRET_TOKEN');
    expect(line).not.toContain('SHIPSHAPE_LAB_RUNTIME');
    await client.next(isEvent('status', (e) => e.state === 'running'));
    client.send({ type: 'command', command: { type: 'sigterm' } });
    await client.next(isEvent('exit'));
    client.ws.close();
    await client.closed;
  });

  it('writes only the lab’s editable files, within the size limit', async () => {
    const client = await connect(server);
    client.send({ type: 'write', id: 1, path: 'notes.txt', content: 'my notes' });
    expect(await client.next((m) => m.id === 1)).toMatchObject({ type: 'written', path: 'notes.txt' });
    for (const [id, path] of [[2, '../escape.txt'], [3, '/etc/passwd'], [4, '.harness/supervisor.mjs'], [5, 'new-file.js']] as const) {
      client.send({ type: 'write', id, path, content: 'x' });
      const reply = await client.next((m) => m.id === id);
      expect(reply.type, path).toBe('error');
      expect(String(reply.message)).toContain('not an editable file');
    }
    client.send({ type: 'write', id: 6, path: 'notes.txt', content: 'x'.repeat(300 * 1024) });
    expect(await client.next((m) => m.id === 6)).toMatchObject({ type: 'error', message: expect.stringContaining('larger than') });
    client.ws.close();
    await client.closed;
  });

  it('answers malformed messages with an error and keeps the session', async () => {
    const client = await connect(server);
    for (const raw of ['not json', '[]', '{"type":"launch"}', '{"type":"write","path":1}', '{"type":"command","command":"rm -rf /"}']) {
      const before = client.messages.length;
      client.send(raw);
      await client.next((m) => m.type === 'error' && client.messages.indexOf(m) >= before);
    }
    client.send({ type: 'command', command: { type: 'explode' } });
    await client.next(isEvent('error'));
    client.send({ type: 'write', id: 9, path: 'notes.txt', content: 'still here' });
    expect(await client.next((m) => m.id === 9)).toMatchObject({ type: 'written' });
    client.ws.close();
    await client.closed;
  });

  it('kills the whole process group and removes the folder on disconnect', async () => {
    const client = await connect(server);
    client.send({ type: 'command', command: { type: 'start' } });
    const listening = await client.next(isEvent('log', (e) => String(e.line).startsWith('listening on')));
    const port = Number(/listening on (\d+)/.exec(String((listening.event as { line: string }).line))![1]);
    const grandchild = Number(await (await fetch(`http://127.0.0.1:${port}/spawn`)).text());
    expect(alive(grandchild)).toBe(true);
    const dir = String(server.logs.find((l) => l.msg === 'lab supervisor started' && l.port === port)?.dir);
    expect(existsSync(dir)).toBe(true);
    client.ws.close();
    await expect.poll(() => server.logs.filter((l) => l.msg === 'lab session ended' && l.reason === 'disconnected').length).toBeGreaterThan(0);
    await expect.poll(() => alive(grandchild), { timeout: 5000 }).toBe(false);
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/`).then(() => 'up', () => 'down')), { timeout: 5000 }).toBe('down');
    expect(existsSync(dir)).toBe(false);
  });

  it('ends a session that floods its output and says why', async () => {
    const client = await connect(server);
    client.send({ type: 'command', command: { type: 'start' } });
    const listening = await client.next(isEvent('log', (e) => String(e.line).startsWith('listening on')));
    const port = Number(/listening on (\d+)/.exec(String((listening.event as { line: string }).line))![1]);
    await fetch(`http://127.0.0.1:${port}/flood`);
    expect(await client.next((m) => m.type === 'closed', 20_000)).toMatchObject({ reason: 'output limit reached' });
    await client.closed;
  });
});

describe('refusals', () => {
  it('refuses a foreign Origin', async () => {
    await expect(connect(server, 'test-lab', 'https://evil.example')).rejects.toMatchObject({ status: 403 });
  });

  it('refuses an unknown lab', async () => {
    await expect(connect(server, 'no-such-lab')).rejects.toMatchObject({ status: 404 });
  });

  it('caps concurrent sessions', async () => {
    const open = await Promise.all([connect(server), connect(server), connect(server)]);
    await expect(connect(server)).rejects.toMatchObject({ status: 503 });
    for (const client of open) client.ws.close();
    await Promise.all(open.map((client) => client.closed));
    await expect.poll(async () => connect(server).then((c) => (c.ws.close(), 'ok'), () => 'refused')).toBe('ok');
  });

  it('is off unless enabled', async () => {
    const plain = await startServer(root, { SHUTDOWN_DRAIN_MS: '0' });
    try {
      await expect(connect(plain)).rejects.toMatchObject({ status: 404 });
    } finally {
      await plain.stop();
    }
  });
});

describe('limits and shutdown', () => {
  it('ends a session at its time limit, killing its processes', async () => {
    const timed = await startServer(root, { SHIPSHAPE_LAB_RUNTIME: 'server', SHIPSHAPE_LAB_SESSION_MS: '10000', SHUTDOWN_DRAIN_MS: '0' });
    try {
      const client = await connect(timed);
      client.send({ type: 'command', command: { type: 'start' } });
      const listening = await client.next(isEvent('log', (e) => String(e.line).startsWith('listening on')));
      const port = Number(/listening on (\d+)/.exec(String((listening.event as { line: string }).line))![1]);
      expect(await client.next((m) => m.type === 'closed', 15_000)).toMatchObject({ reason: 'time limit reached' });
      await expect.poll(async () => fetch(`http://127.0.0.1:${port}/`).then(() => 'up', () => 'down'), { timeout: 5000 }).toBe('down');
    } finally {
      await timed.stop();
    }
  }, 30_000);

  it('stops every session on SIGTERM and still exits 0', async () => {
    const draining = await startServer(root, { SHIPSHAPE_LAB_RUNTIME: 'server', SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_TIMEOUT_MS: '3000' });
    const client = await connect(draining);
    client.send({ type: 'command', command: { type: 'start' } });
    const listening = await client.next(isEvent('log', (e) => String(e.line).startsWith('listening on')));
    const port = Number(/listening on (\d+)/.exec(String((listening.event as { line: string }).line))![1]);
    const dir = String(draining.logs.find((l) => l.msg === 'lab supervisor started')?.dir);
    expect(existsSync(dir)).toBe(true);
    draining.child.kill('SIGTERM');
    expect(await client.next((m) => m.type === 'closed')).toMatchObject({ reason: 'the course server is shutting down' });
    const exit = await draining.exited;
    expect(exit.code).toBe(0);
    expect(draining.logs.find((l) => l.msg === 'HTTP server closed')).toMatchObject({ deadlineHit: false });
    await expect.poll(async () => fetch(`http://127.0.0.1:${port}/`).then(() => 'up', () => 'down'), { timeout: 5000 }).toBe('down');
    expect(existsSync(dir)).toBe(false);
  });
});
