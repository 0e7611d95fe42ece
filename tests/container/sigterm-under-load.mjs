// @ts-check
/**
 * SIGTERM under load against a running container, judged by the project's own load client
 * (labs/harness/load.mjs) and readiness monitor, the same code the labs use. Used by
 * scripts/container-test.sh.
 *
 *   node tests/container/sigterm-under-load.mjs --port 8080 [--users 10] [--duration-ms 9000]
 *     [--sigterm-at-ms 3000] -- podman stop -t 30 <container>
 *
 * Virtual users with keep-alive agents keep requests in flight; readiness is polled like a
 * load balancer would, and once it returns 503 users stop opening new connections. Once load
 * is flowing, the stop command runs at --sigterm-at-ms (it sends SIGTERM). Prints one JSON
 * result and exits 0 only when no request failed (notes/shutdown.md's classification), the
 * load was running when SIGTERM was sent, readiness turned 503 and the stop command succeeded.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClock } from '../../labs/harness/clock.mjs';
import { startLoad } from '../../labs/harness/load.mjs';
import { startReadinessMonitor } from '../../labs/harness/readiness.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    path: { type: 'string', default: '/' },
    'ready-path': { type: 'string', default: '/health/ready' },
    users: { type: 'string', default: '10' },
    'duration-ms': { type: 'string', default: '9000' },
    'sigterm-at-ms': { type: 'string', default: '3000' },
  },
});
if (!values.port || positionals.length === 0) {
  console.error('usage: sigterm-under-load.mjs --port N [options] -- <stop command...>');
  process.exit(2);
}
const host = values.host;
const port = Number(values.port);
const sigtermAtMs = Number(values['sigterm-at-ms']);

const clock = createClock();
const readiness = startReadinessMonitor({ host, port, path: values['ready-path'], intervalMs: 100, clock });
const load = startLoad({
  host,
  port,
  path: values.path,
  users: Number(values.users),
  durationMs: Number(values['duration-ms']),
  keepAlive: true,
  requestTimeoutMs: 10_000,
  clock,
  isRoutable: readiness.isRoutable,
});

/**
 * Runs the stop command; resolves with its exit code and when it exited.
 * @param {string[]} command
 * @returns {Promise<{ code: number | null, at: number, stderr: string }>}
 */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0] ?? 'false', command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    // Kept for the result only: podman's stderr is noisy here (no systemd for health-check timers).
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, at: clock(), stderr: error.message }));
    child.on('close', (code) => resolve({ code, at: clock(), stderr }));
  });
}

await sleep(sigtermAtMs);
const atSigterm = load.snapshot();
const loadRunning = atSigterm.counts.ok > 0 && atSigterm.inFlight > 0;
const sigtermAt = clock();
const stopping = run(positionals);
const summary = await load.finished;
const stopped = await stopping;
await readiness.stop();

const result = {
  sigtermAt,
  stoppedAt: stopped.at,
  stopExitCode: stopped.code,
  ...(stopped.code === 0 ? {} : { stopStderr: stopped.stderr.slice(-2000) }),
  loadEndedAt: summary.endedAt,
  loadRunningAtSigterm: loadRunning,
  okBeforeSigterm: atSigterm.counts.ok,
  inFlightAtSigterm: atSigterm.inFlight,
  firstNotReadyAt: readiness.firstNotReadyAt(),
  readiness: readiness.observations(),
  counts: summary.counts,
  total: summary.total,
  failed: summary.failed,
};
console.log(JSON.stringify(result));
const passed =
  loadRunning && summary.failed === 0 && result.firstNotReadyAt !== null && stopped.code === 0 && summary.counts.ok > 0;
process.exitCode = passed ? 0 : 1;
