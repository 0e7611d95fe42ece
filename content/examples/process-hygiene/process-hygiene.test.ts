import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The process-hygiene lesson shows these files and states what they do. Each test runs them
 * as real processes with stdout on a pipe, which is how a container runtime collects logs.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: here, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = start(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('process.exit() and buffered stdout', () => {
  it('exit-now.mjs: process.exit() right after logging drops lines still queued for the pipe', async () => {
    const { code, stdout } = await run(['exit-now.mjs']);
    const lines = jsonLines(stdout);
    expect(code).toBe(0);
    // Some lines reach the pipe before exit, never all of them; the last one never does.
    expect(lines.length).toBeLessThan(10_001);
    expect(lines.at(-1)?.msg).not.toBe('exiting');
  });

  it('exit-naturally.mjs: setting process.exitCode and letting the loop end delivers every line', async () => {
    const { code, stdout } = await run(['exit-naturally.mjs']);
    const lines = jsonLines(stdout);
    expect(code).toBe(0);
    expect(lines).toHaveLength(10_001);
    expect(lines.at(-1)).toEqual({ level: 'info', msg: 'exiting' });
  });
});

describe('crash-handlers.mjs', () => {
  it.each([
    ['throw', 'uncaught exception', 'TypeError'],
    ['reject', 'unhandled rejection', 'Error'],
  ])('%s: logs one fatal JSON line with the stack, then exits 1', async (kind, msg, type) => {
    const { code, stdout, stderr } = await run(['crash-handlers.mjs', kind]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = jsonLines(stdout);
    expect(lines.map((line) => line.msg)).toEqual(['started', msg]);
    const fatal = lines[1] as { level: string; err: { type: string; stack: string } };
    expect(fatal.level).toBe('fatal');
    expect(fatal.err.type).toBe(type);
    expect(fatal.err.stack).toContain('crash-handlers.mjs');
  });

  it('without handlers, Node itself exits 1 on an unhandled rejection (the default since Node 15)', async () => {
    const { code, stderr } = await run(['--input-type=module', '-e', "Promise.reject(new Error('settings service unreachable'))"]);
    expect(code).toBe(1);
    expect(stderr).toContain('settings service unreachable');
  });
});

describe('heap size', () => {
  it('heap-limit.mjs reports a ceiling a little above --max-old-space-size (the young generation comes on top)', async () => {
    for (const [flag, env] of [
      [['--max-old-space-size=128'], {}],
      [[], { NODE_OPTIONS: '--max-old-space-size=128' }],
    ] as const) {
      const { code, stdout } = await run([...flag, 'heap-limit.mjs'], env);
      expect(code).toBe(0);
      const { heapLimitMiB } = JSON.parse(stdout) as { heapLimitMiB: number };
      expect(heapLimitMiB).toBeGreaterThanOrEqual(128);
      expect(heapLimitMiB).toBeLessThan(256);
    }
  });

  it('leak.mjs: running out of heap is a V8 fatal error on stderr and SIGABRT (exit 134), not a silent kill', async () => {
    const { code, signal, stderr } = await run(['--max-old-space-size=32', 'leak.mjs']);
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGABRT' });
    expect(stderr).toContain('JavaScript heap out of memory');
  });
});

describe('request-logging.mjs', () => {
  interface Logged {
    level: number;
    msg: string;
    reqId?: string;
    port?: number;
  }

  async function startServer(level: string) {
    const child = start(['request-logging.mjs'], { PORT: '0', LOG_LEVEL: level });
    const logs: Logged[] = [];
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const entry = JSON.parse(line) as Logged;
          logs.push(entry);
          if (entry.msg === 'listening' && entry.port) resolve(entry.port);
        }
      });
      child.once('exit', () => reject(new Error('request-logging.mjs exited before listening')));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, port, logs, exited };
  }

  function get(port: number, urlPath: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; reqId: string; body: unknown }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reqId: String(res.headers['x-request-id']), body: JSON.parse(text) }));
        })
        .on('error', reject);
    });
  }

  it('echoes a proxy id, and every line of that request carries it', async () => {
    const server = await startServer('debug');
    const response = await get(server.port, '/orders/42', { 'X-Request-Id': 'edge-7f3a-01' });
    expect(response).toEqual({ status: 200, reqId: 'edge-7f3a-01', body: { id: '42', status: 'shipped' } });
    await expect.poll(() => server.logs.filter((entry) => entry.reqId === 'edge-7f3a-01').map((entry) => entry.msg)).toEqual([
      'request received',
      'loading order',
      'request completed',
    ]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('replaces a missing or unsafe id with a fresh UUID, and info level hides debug lines', async () => {
    const server = await startServer('info');
    const fresh = await get(server.port, '/orders/1');
    const forged = await get(server.port, '/orders/2', { 'X-Request-Id': '"} {"level":60' });
    for (const { reqId } of [fresh, forged]) expect(reqId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fresh.reqId).not.toBe(forged.reqId);
    await expect.poll(() => server.logs.filter((entry) => entry.reqId).map((entry) => [entry.reqId, entry.msg, entry.level])).toEqual([
      [fresh.reqId, 'request completed', 30],
      [forged.reqId, 'request completed', 30],
    ]);
  });
});
