// @ts-check
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from './http-get.mjs';
import { readLines } from './lines.mjs';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').AppOptions} AppOptions */
/** @typedef {import('./protocol.mjs').LogEvent} LogEvent */
/** @typedef {import('./protocol.mjs').LogStream} LogStream */
/** @typedef {import('./protocol.mjs').StatusEvent} StatusEvent */
/** @typedef {import('./protocol.mjs').ExitEvent} ExitEvent */

/** Output without a newline is cut into lines of this length, so one line stays bounded. */
const MAX_LINE_LENGTH = 16_384;

/**
 * @typedef {object} AppExit
 * @property {number | null} code
 * @property {string | null} signal
 * @property {number} t
 * @property {string | null} spawnError set when the process could not be started at all
 */

/**
 * @typedef {object} AppProcess
 * @property {number | null} pid also the id of its process group
 * @property {() => boolean} isRunning
 * @property {() => boolean} sigterm sends SIGTERM to the app's main process only, as
 *   `docker stop` and the kubelet do; false if it had already exited
 * @property {() => void} killProcessGroup SIGKILL to the app and every process it started
 * @property {Promise<AppExit>} exited the main process exited; the rest of its group is
 *   SIGKILLed at that moment
 * @property {Promise<void>} outputClosed both pipes have ended (every line was read)
 */

/**
 * The command that runs the app: the manifest's exec-form command, or `node <entry>`
 * with the same Node that runs the harness.
 * @param {Pick<AppOptions, 'entry' | 'command'>} app
 * @returns {string[]}
 */
export function appCommand(app) {
  return app.command && app.command.length > 0 ? app.command : [process.execPath, app.entry];
}

/**
 * The environment the app runs with, and its exec probes too (they share the container's).
 * @param {number} port
 * @returns {NodeJS.ProcessEnv}
 */
export function appEnvironment(port) {
  return { ...process.env, PORT: String(port) };
}

/**
 * Spawns the app in its own process group, with PORT set, and reports each output line,
 * its start and its exit through `onEvent`. A line's `t` is when the harness read it.
 * The separate group lets the harness SIGKILL everything the app started (a wrapper's
 * children included) the way a container runtime ends a container: at once when the main
 * process exits, as the kernel kills the rest of a container whose PID 1 exits. Whoever
 * kills the harness from outside must kill that group too (its id is the app's pid).
 * @param {{ app: AppOptions, clock: Clock, onEvent: (event: LogEvent | StatusEvent | ExitEvent) => void }} options
 * @returns {AppProcess}
 */
export function spawnApp({ app, clock, onEvent }) {
  const [file, ...args] = appCommand(app);
  if (file === undefined) throw new Error('The app command is empty');
  const child = spawn(file, args, {
    cwd: app.cwd,
    env: appEnvironment(app.port),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid ?? null;
  let running = pid !== null;
  onEvent({ type: 'status', state: 'starting', pid, t: clock() });

  const killProcessGroup = () => {
    if (pid === null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // No such group (everything already gone) or no group support in this runtime.
      if (running) child.kill('SIGKILL');
    }
  };

  /** @param {LogStream} stream */
  const emitLine = (stream) => (/** @type {string} */ line) => onEvent({ type: 'log', stream, line, t: clock() });
  const outputClosed = Promise.all([
    readLines(child.stdout, emitLine('stdout'), MAX_LINE_LENGTH),
    readLines(child.stderr, emitLine('stderr'), MAX_LINE_LENGTH),
  ]).then(() => {});

  /** @type {Promise<AppExit>} */
  const exited = new Promise((resolve) => {
    /** @param {AppExit} exit */
    const finish = (exit) => {
      running = false;
      onEvent({ type: 'exit', code: exit.code, signal: exit.signal, t: exit.t });
      onEvent({ type: 'status', state: 'exited', code: exit.code, signal: exit.signal, t: exit.t });
      resolve(exit);
    };
    child.once('exit', (code, signal) => {
      finish({ code, signal, t: clock(), spawnError: null });
      // What the main process left behind (a wrapper's orphaned app) dies with it.
      killProcessGroup();
    });
    child.once('error', (error) => {
      // 'error' without a pid means spawn failed and 'exit' will never come.
      if (pid === null) finish({ code: null, signal: null, t: clock(), spawnError: error.message });
    });
  });

  return {
    pid,
    isRunning: () => running,
    sigterm: () => running && child.kill('SIGTERM'),
    killProcessGroup,
    exited,
    outputClosed,
  };
}

/**
 * Waits until the app answers HTTP on `path` (any status counts: a starter without a
 * readiness endpoint answers 404, and that still means it is listening).
 * @param {{ host: string, port: number, path: string, timeoutMs: number, clock: Clock, isRunning: () => boolean, signal?: AbortSignal }} options
 * @returns {Promise<{ listeningAt: number } | { error: string }>}
 */
export async function waitUntilListening({ host, port, path, timeoutMs, clock, isRunning, signal }) {
  const deadline = clock() + timeoutMs;
  while (clock() < deadline) {
    if (!isRunning()) return { error: `The app exited before it answered HTTP on port ${port}.` };
    const response = await httpGet({ host, port, path, timeoutMs: 500 });
    if (response.status !== null) return { listeningAt: clock() };
    await sleep(25, undefined, { signal });
  }
  return { error: `The app did not answer HTTP on port ${port} within ${timeoutMs} ms.` };
}
