// @ts-check
import { spawn } from 'node:child_process';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').ExecProbePlan} ExecProbePlan */
/** @typedef {import('./protocol.mjs').ExecProbeResult} ExecProbeResult */

/** Output kept for the result; a probe's verdict is its exit code, the output only explains it. */
const MAX_OUTPUT_BYTES = 4_096;

/**
 * @typedef {object} ExecProbeOptions
 * @property {ExecProbePlan} probe
 * @property {string} cwd the app's directory
 * @property {NodeJS.ProcessEnv} env the app's environment
 * @property {Clock} clock
 * @property {AbortSignal} signal aborting kills the probe: the scenario is over
 */

/**
 * Runs one exec probe as Docker runs a HEALTHCHECK in exec form: no shell, in the app's
 * directory and environment, judged by its exit code. It runs in its own process group,
 * so a timeout or the end of the scenario kills whatever it started too. Never rejects.
 * @param {ExecProbeOptions} options
 * @returns {Promise<ExecProbeResult>}
 */
export function runExecProbe({ probe, cwd, env, clock, signal }) {
  const { name, command, timeoutMs } = probe;
  const t = clock();
  if (signal.aborted) return Promise.resolve(notRun(probe, t));
  const [file, ...args] = command;
  const child = spawn(/** @type {string} */ (file), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

  /** @type {Buffer[]} */
  const chunks = [];
  let kept = 0;
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    if (kept >= MAX_OUTPUT_BYTES) return;
    chunks.push(chunk);
    kept += chunk.length;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  /** @type {string | null} */
  let stoppedBecause = null;
  /** @param {string} reason */
  const stop = (reason) => {
    stoppedBecause ??= reason;
    killGroup(child);
  };
  const timer = setTimeout(() => stop(`timed out after ${timeoutMs} ms`), timeoutMs);
  const onAbort = () => stop('stopped: the scenario ended first');
  signal.addEventListener('abort', onAbort, { once: true });

  return new Promise((resolve) => {
    let settled = false;
    /** @param {Partial<ExecProbeResult>} ending */
    const finish = (ending) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({
        name,
        command,
        t,
        durationMs: clock() - t,
        exitCode: null,
        signal: null,
        output: Buffer.concat(chunks).subarray(0, MAX_OUTPUT_BYTES).toString('utf8'),
        error: null,
        ...ending,
      });
    };
    // 'close' comes after the exit and after both pipes ended, so all output is in.
    child.once('close', (code, exitSignal) => finish({ exitCode: code, signal: exitSignal, error: stoppedBecause }));
    child.once('error', (error) => {
      // Without a pid the program could not be started (ENOENT, EACCES); 'close' follows
      // with a negative errno as its code, which is no exit code.
      if (child.pid === undefined) finish({ durationMs: null, error: `could not start: ${error.message}` });
    });
  });
}

/**
 * @param {import('node:child_process').ChildProcess} child
 */
function killGroup(child) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already, or this runtime has no process groups.
    child.kill('SIGKILL');
  }
}

/**
 * @param {ExecProbePlan} probe
 * @param {number} t
 * @returns {ExecProbeResult}
 */
export function notRun(probe, t) {
  const { name, command } = probe;
  return { name, command, t, durationMs: null, exitCode: null, signal: null, output: '', error: 'not run: the scenario ended first' };
}
