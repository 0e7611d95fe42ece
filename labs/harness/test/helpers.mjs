// @ts-check
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runScenario } from '../scenario.mjs';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const supervisorPath = fileURLToPath(new URL('../supervisor.mjs', import.meta.url));

/**
 * A port nothing listens on right now, so test files can run in parallel.
 * @returns {Promise<number>}
 */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/**
 * Whether a process still runs. A killed orphan stays a zombie until PID 1 reaps it;
 * it runs no code and holds no socket, so it counts as gone.
 * @param {number} pid
 * @returns {boolean}
 */
export function isProcessAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether the process is gone within `timeoutMs`. A SIGKILLed process closes its files
 * (so its pipes end) a moment before the kernel marks it exited.
 * @param {number} pid
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export async function processGone(pid, timeoutMs = 1_000) {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/**
 * A real TCP server on an ephemeral port whose handler sees every raw socket, for
 * crafting the exact byte sequences that the classification must tell apart.
 * @param {(socket: net.Socket, connectionIndex: number) => void} onConnection
 * @returns {Promise<{ port: number, connections: () => number, close: () => Promise<void> }>}
 */
export async function rawServer(onConnection) {
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  let count = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket, count);
    count += 1;
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Calls `onRequest` once per complete request head received on the socket (requests
 * in these tests have no body).
 * @param {net.Socket} socket
 * @param {(requestIndex: number) => void} onRequest
 */
export function onRequestHeads(socket, onRequest) {
  let buffered = '';
  let index = 0;
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    let end;
    while ((end = buffered.indexOf('\r\n\r\n')) !== -1) {
      buffered = buffered.slice(end + 4);
      onRequest(index);
      index += 1;
    }
  });
}

export const OK_KEEP_ALIVE = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n';

/**
 * Runs a fixture app through a whole scenario and checks that no process it started
 * survives the scenario.
 * @param {string} entry
 * @param {Partial<import('../protocol.mjs').ScenarioPlan>} plan
 * @param {Partial<import('../protocol.mjs').AppOptions>} [app]
 */
export async function runFixture(entry, plan, app = {}) {
  /** @type {number[]} */
  const pids = [];
  const result = await runScenario(
    { app: { cwd: fixturesDir, entry, port: await freePort(), readinessPath: '/health/ready', ...app }, plan },
    {
      onEvent: (event) => {
        if (event.type === 'status' && event.state === 'starting' && event.pid) pids.push(event.pid);
      },
    },
  );
  expect(pids).toHaveLength(1);
  expect(pids.filter(isProcessAlive)).toEqual([]);
  return result;
}
