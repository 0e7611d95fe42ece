// @ts-check
// The orchestrator as a real process, at the edges the lab's scenario does not reach (the
// scenario itself runs in labs:verify): a manifest it cannot run, and SIGTERM before any
// traffic, which must leave no pod behind.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort, processGone } from '../../harness/test/helpers.mjs';

const starterDir = fileURLToPath(new URL('../starter/', import.meta.url));
const starterManifest = readFileSync(path.join(starterDir, 'deployment.yaml'), 'utf8');

/** A copy of the starter with its own deployment.yaml, removed when the test ends. */
function labCopy(manifest = starterManifest) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rolling-deploy-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(starterDir, dir, { recursive: true });
  writeFileSync(path.join(dir, 'deployment.yaml'), manifest);
  return dir;
}

describe.concurrent('the orchestrator', () => {
  it('exits 1 with the manifest problem on stderr, before starting anything', () => {
    const dir = labCopy(starterManifest.replace('replicas: 2', 'replicas: two'));
    const run = spawnSync(process.execPath, ['orchestrator.mjs'], { cwd: dir, env: { ...process.env, PORT: '0' }, encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('deployment.yaml: spec.replicas must be a whole number, not "two"\n');
  });

  it('stops every pod and exits 0 on SIGTERM, even before any traffic came', async () => {
    const dir = labCopy();
    const orchestrator = spawn(process.execPath, ['orchestrator.mjs'], {
      cwd: dir,
      env: { ...process.env, PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    orchestrator.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    while (!output.includes('load balancer: listening')) await once(orchestrator.stdout, 'data');
    const podPorts = [...output.matchAll(/api-v1-\d+: v1 listening on port (\d+)/g)].map((match) => Number(match[1]));
    expect(podPorts).toHaveLength(2);

    orchestrator.kill('SIGTERM');
    const [code] = await once(orchestrator, 'exit');
    expect(code).toBe(0);
    expect(output).not.toContain('rolling out');
    expect(output.match(/api-v1-\d+ exited with code 0/g)).toHaveLength(2);
    expect(output.trimEnd().split('\n').at(-1)).toMatch(/cluster: stopped$/);
    expect(await processGone(/** @type {number} */ (orchestrator.pid))).toBe(true);
    for (const port of podPorts) expect(await connectError(port)).toBe('ECONNREFUSED');
  });
});

/**
 * @param {number} port
 * @returns {Promise<string | null>} the error code of a connection attempt; null if it connected
 */
function connectError(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error) => resolve(/** @type {NodeJS.ErrnoException} */ (error).code ?? error.message));
  });
}
