// @ts-check
/**
 * The lab harness protocol, version 1: the one place that defines the commands the
 * supervisor reads (newline-delimited JSON on stdin), the events it writes
 * (newline-delimited JSON on stdout), the request outcomes, the scenario plan and the
 * scenario result.
 *
 * Browser-safe: no Node imports. The browser UI, the server runtime, the checks and
 * the manifest schema all import from here, so there is one source for names, limits
 * and defaults.
 */

export const PROTOCOL_VERSION = 1;

/**
 * Every request the load client sends ends in exactly one of these outcomes
 * (see notes/shutdown.md, "What zero failed requests means").
 * - ok: complete response with a 2xx status.
 * - non2xx: complete response with any other status.
 * - retrySafeReset: ECONNRESET/EPIPE/"socket hang up" on a reused keep-alive socket
 *   before any byte of the response: the documented keep-alive race, safe to retry.
 * - acceptedReset: reset or abort of a request the server had accepted (the response
 *   had started, or the socket was fresh).
 * - refusedBeforeReady503: ECONNREFUSED while readiness had not returned 503.
 * - refusedAfterReady503: ECONNREFUSED once readiness returned 503 (the orchestrator
 *   would have stopped routing here).
 * - timeout: no complete response within the request timeout; the client gave up.
 * - otherError: any other client error (parse errors, unexpected codes).
 */
export const OUTCOMES = /** @type {const} */ ([
  'ok',
  'non2xx',
  'retrySafeReset',
  'acceptedReset',
  'refusedBeforeReady503',
  'refusedAfterReady503',
  'timeout',
  'otherError',
]);

/** @typedef {typeof OUTCOMES[number]} Outcome */
/** @typedef {Record<Outcome, number>} OutcomeCounts */

/** Outcomes that count as a failed request. The others are ok or acceptable. */
export const FAILED_OUTCOMES = /** @type {ReadonlyArray<Outcome>} */ ([
  'non2xx',
  'acceptedReset',
  'refusedBeforeReady503',
  'timeout',
  'otherError',
]);

/** Outcomes that are not a success but not the app's fault either. */
export const ACCEPTABLE_OUTCOMES = /** @type {ReadonlyArray<Outcome>} */ (['retrySafeReset', 'refusedAfterReady503']);

/** @returns {OutcomeCounts} */
export function emptyCounts() {
  return {
    ok: 0,
    non2xx: 0,
    retrySafeReset: 0,
    acceptedReset: 0,
    refusedBeforeReady503: 0,
    refusedAfterReady503: 0,
    timeout: 0,
    otherError: 0,
  };
}

/**
 * @param {OutcomeCounts} counts
 * @returns {number}
 */
export function countFailed(counts) {
  return FAILED_OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
}

/**
 * Bounds on what a command or a manifest may ask for. They keep a learner's (or a
 * malformed) request from turning the harness into a load generator or a stuck process.
 */
export const LIMITS = /** @type {const} */ ({
  maxUsers: 50,
  minDurationMs: 100,
  maxDurationMs: 60_000,
  minGraceMs: 100,
  maxGraceMs: 30_000,
  minRequestTimeoutMs: 100,
  maxRequestTimeoutMs: 30_000,
  minReadinessPollMs: 20,
  maxReadinessPollMs: 2_000,
  minStartTimeoutMs: 500,
  maxStartTimeoutMs: 30_000,
  maxProbes: 20,
  maxExecProbes: 5,
  maxExecArgs: 32,
  maxExecArgLength: 2_000,
  minExecTimeoutMs: 100,
  maxExecTimeoutMs: 10_000,
  maxPathLength: 2_000,
  maxCommandLineLength: 100_000,
});

/**
 * @typedef {'nothing' | 'partialHeaders'} SilentClientMode
 * nothing: connect and send no byte; partialHeaders: send a request line and one
 * header, never the blank line that ends the headers.
 */

/**
 * @typedef {object} SilentClientPlan
 * @property {SilentClientMode} mode
 * @property {number} afterMs when to connect, in ms after the app started listening
 */

/**
 * @typedef {object} ProbePlan
 * A single GET sent at a given time, recorded with its full response for
 * `httpResponse` checks (and usable to trigger lab behaviour, e.g. a fake outage).
 * @property {string} name unique within a plan; checks refer to it
 * @property {string} path
 * @property {number} afterMs when to send it, in ms after the app started listening
 */

/**
 * @typedef {object} ExecProbePlan
 * A command run at a given time in the app's directory and environment, as Docker runs
 * a HEALTHCHECK in exec form or the kubelet an exec probe: no shell, the first word is
 * the program (looked up on PATH), the exit code is the verdict. For `execExitCode` checks.
 * @property {string} name unique within a plan; checks refer to it
 * @property {string[]} command program and arguments
 * @property {number} afterMs when to run it, in ms after the app started listening
 * @property {number} timeoutMs killed (with everything it started) if still running then
 */

/** Docker's HEALTHCHECK allows 30 s by default; a lab's probe should answer far sooner. */
export const DEFAULT_EXEC_TIMEOUT_MS = 3_000;

/**
 * @typedef {object} ScenarioPlan
 * What a scenario does. Times are in ms after the app started listening.
 * @property {number} users concurrent virtual users, each with its own keep-alive socket
 * @property {number} durationMs how long the load runs (it also stops when the app exits)
 * @property {string} path the path the load requests
 * @property {boolean} keepAlive reuse sockets between requests (the realistic default)
 * @property {number} sigtermAfterMs when the supervisor sends SIGTERM
 * @property {number} graceMs time between SIGTERM and SIGKILL, like Kubernetes'
 *   terminationGracePeriodSeconds or `docker stop -t`
 * @property {number} requestTimeoutMs a request without a complete response by then is a timeout
 * @property {number} readinessPollMs how often the readiness path is polled
 * @property {number} startTimeoutMs how long the app may take to answer HTTP after it is spawned
 * @property {SilentClientPlan | null} silentClient
 * @property {ProbePlan[]} probes
 * @property {ExecProbePlan[]} execProbes
 */

/** @type {Readonly<ScenarioPlan>} */
export const DEFAULT_SCENARIO_PLAN = Object.freeze({
  users: 10,
  durationMs: 4_000,
  path: '/',
  keepAlive: true,
  sigtermAfterMs: 1_000,
  graceMs: 3_000,
  requestTimeoutMs: 5_000,
  readinessPollMs: 100,
  startTimeoutMs: 5_000,
  silentClient: null,
  probes: [],
  execProbes: [],
});

/**
 * @typedef {object} AppOptions
 * How to run a lab app. The app reads its port from the PORT environment variable.
 * @property {string} cwd directory holding the lab's files
 * @property {string} entry the app's entry file, relative to cwd; run as `node <entry>`
 * @property {string[]} [command] exec-form command that replaces `node <entry>`
 *   (for labs about wrappers such as `npm start` or `sh -c`)
 * @property {number} port
 * @property {string} [host] where the harness connects; default 127.0.0.1
 * @property {string | null} [readinessPath] polled during a run; null when the app has none
 */

// ---------------------------------------------------------------------------
// Commands (stdin)

/** @typedef {{ type: 'start' }} StartCommand */
/**
 * @typedef {object} LoadCommand
 * @property {'load'} type
 * @property {number} users
 * @property {number} durationMs
 * @property {string} path
 * @property {boolean} keepAlive
 */
/** @typedef {{ type: 'sigterm' }} SigtermCommand */
/** @typedef {{ type: 'kill' }} KillCommand */
/** @typedef {{ type: 'scenario' } & ScenarioPlan} ScenarioCommand */
/** @typedef {{ type: 'stop' }} StopCommand */
/** @typedef {StartCommand | LoadCommand | SigtermCommand | KillCommand | ScenarioCommand | StopCommand} Command */

// ---------------------------------------------------------------------------
// Events (stdout). `t` is ms since the supervisor (or the scenario) started.

/** @typedef {'stdout' | 'stderr'} LogStream */
/** @typedef {number | 'unreachable'} ReadinessStatus HTTP status, or no response at all */
/**
 * @typedef {object} AppDescription
 * @property {string} cwd
 * @property {string[]} command
 * @property {number} port
 * @property {string} host
 * @property {string | null} readinessPath
 */

/** @typedef {{ type: 'hello', protocolVersion: number, app: AppDescription, t: number }} HelloEvent */
/** @typedef {{ type: 'log', stream: LogStream, line: string, t: number }} LogEvent */
/**
 * @typedef {{ type: 'status', state: 'starting', pid: number | null, t: number }
 *   | { type: 'status', state: 'running', t: number }
 *   | { type: 'status', state: 'exited', code: number | null, signal: string | null, t: number }} StatusEvent
 */
/**
 * @typedef {object} SignalEvent
 * A signal the harness delivered: SIGTERM to the app's main process, SIGKILL to its
 * process group (by command, or because the grace period ran out).
 * @property {'signal'} type
 * @property {'SIGTERM' | 'SIGKILL'} signal
 * @property {'command' | 'scenario' | 'grace'} reason
 * @property {number} t
 */
/** @typedef {{ type: 'exit', code: number | null, signal: string | null, t: number }} ExitEvent */
/**
 * @typedef {object} RequestsEvent
 * Live counters, about five per second while load runs, and once more with done: true.
 * @property {'requests'} type
 * @property {OutcomeCounts} counts cumulative since the load started
 * @property {number} inFlight
 * @property {boolean} done
 * @property {number} t
 */
/** @typedef {{ type: 'readiness', status: ReadinessStatus, t: number }} ReadinessEvent */
/** @typedef {{ type: 'result', result: ScenarioResult, t: number }} ResultEvent */
/** @typedef {{ type: 'error', message: string, t: number }} ErrorEvent */
/** @typedef {HelloEvent | LogEvent | StatusEvent | SignalEvent | ExitEvent | RequestsEvent | ReadinessEvent | ResultEvent | ErrorEvent} HarnessEvent */

// ---------------------------------------------------------------------------
// The scenario result

/**
 * @typedef {object} TimelineSample
 * Cumulative counts at time t, sampled about five times per second.
 * @property {number} t
 * @property {number} ok
 * @property {number} failed
 * @property {number} inFlight
 */

/**
 * @typedef {object} RequestSummary
 * @property {OutcomeCounts} counts
 * @property {number} total
 * @property {number} failed
 * @property {Partial<Record<Outcome, number>>} firstAt when each outcome first happened
 * @property {TimelineSample[]} timeline
 */

/** @typedef {{ t: number, stream: LogStream, line: string }} LogEntry */
/** @typedef {{ t: number, status: ReadinessStatus }} ReadinessObservation */

/**
 * @typedef {object} ProbeResult
 * @property {string} name
 * @property {string} path
 * @property {number} t
 * @property {number | null} status null when there was no response
 * @property {Record<string, string>} headers lower-case names
 * @property {string} body the first 4 kB
 * @property {string | null} error why there was no response
 */

/**
 * @typedef {object} ExecProbeResult
 * @property {string} name
 * @property {string[]} command
 * @property {number} t when it started
 * @property {number | null} durationMs null when it never ran
 * @property {number | null} exitCode null when it did not exit by itself
 * @property {string | null} signal the signal that ended it, e.g. SIGKILL at its timeout
 * @property {string} output the first 4 kB of stdout and stderr, in the order read
 * @property {string | null} error why there is no exit code (not found, timed out, not run)
 */

/**
 * @typedef {object} SilentClientResult
 * @property {SilentClientMode} mode
 * @property {number | null} openedAt null if it never connected
 * @property {number | null} closedAt
 * @property {'server' | 'harness' | null} closedBy who ended the connection; the
 *   harness closes it only at the end of the scenario
 */

/**
 * @typedef {object} ExitRecord
 * @property {number | null} code
 * @property {string | null} signal
 * @property {number} t
 * @property {boolean} killedAfterGrace the harness sent SIGKILL because the grace period ran out
 */

/**
 * @typedef {object} ScenarioTimings
 * @property {number | null} listeningAt first HTTP response from the app
 * @property {number | null} loadStartedAt
 * @property {number | null} loadEndedAt
 * @property {number | null} readinessFlippedAt first readiness 503 after SIGTERM
 * @property {number | null} shutdownMs from SIGTERM to exit
 */

/**
 * @typedef {object} ScenarioResult
 * @property {number} protocolVersion
 * @property {ScenarioPlan} plan the plan that ran, defaults applied
 * @property {string | null} error why the scenario could not run as planned (e.g. the
 *   app exited or did not answer before the load could start)
 * @property {RequestSummary} requests
 * @property {LogEntry[]} logs
 * @property {number} logsDropped lines beyond the log cap, not kept
 * @property {ReadinessObservation[]} readiness changes only
 * @property {ProbeResult[]} probes
 * @property {ExecProbeResult[]} execProbes
 * @property {SilentClientResult | null} silentClient
 * @property {number | null} sigtermAt null if the app was gone before SIGTERM was due
 * @property {ExitRecord | null} exit null only when the app could not be spawned
 * @property {ScenarioTimings} timings
 */

// ---------------------------------------------------------------------------
// Parsing commands

/**
 * @typedef {{ ok: true, command: Command } | { ok: false, message: string }} ParsedCommand
 */

/**
 * Parses one line of stdin. Never throws: a malformed line yields a message that
 * names the problem, for an `error` event.
 * @param {string} line
 * @returns {ParsedCommand}
 */
export function parseCommand(line) {
  if (line.length > LIMITS.maxCommandLineLength) {
    return { ok: false, message: `Command line longer than ${LIMITS.maxCommandLineLength} characters` };
  }
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, message: 'Command is not valid JSON' };
  }
  if (!isRecord(value) || typeof value.type !== 'string') {
    return { ok: false, message: 'Command must be a JSON object with a string "type"' };
  }
  try {
    return { ok: true, command: readCommand(value.type, value) };
  } catch (error) {
    if (error instanceof CommandError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Applies defaults and bounds to a (possibly partial) scenario plan.
 * @param {Record<string, unknown>} fields
 * @returns {ScenarioPlan}
 */
export function readScenarioPlan(fields) {
  const d = DEFAULT_SCENARIO_PLAN;
  const durationMs = readInteger(fields, 'durationMs', d.durationMs, LIMITS.minDurationMs, LIMITS.maxDurationMs);
  const sigtermAfterMs = readInteger(fields, 'sigtermAfterMs', d.sigtermAfterMs, 0, durationMs);
  return {
    users: readInteger(fields, 'users', d.users, 1, LIMITS.maxUsers),
    durationMs,
    path: readPath(fields, 'path', d.path),
    keepAlive: readBoolean(fields, 'keepAlive', d.keepAlive),
    sigtermAfterMs,
    graceMs: readInteger(fields, 'graceMs', d.graceMs, LIMITS.minGraceMs, LIMITS.maxGraceMs),
    requestTimeoutMs: readInteger(
      fields,
      'requestTimeoutMs',
      d.requestTimeoutMs,
      LIMITS.minRequestTimeoutMs,
      LIMITS.maxRequestTimeoutMs,
    ),
    readinessPollMs: readInteger(
      fields,
      'readinessPollMs',
      d.readinessPollMs,
      LIMITS.minReadinessPollMs,
      LIMITS.maxReadinessPollMs,
    ),
    startTimeoutMs: readInteger(
      fields,
      'startTimeoutMs',
      d.startTimeoutMs,
      LIMITS.minStartTimeoutMs,
      LIMITS.maxStartTimeoutMs,
    ),
    silentClient: readSilentClient(fields.silentClient, durationMs),
    probes: readProbes(fields.probes, durationMs),
    execProbes: readExecProbes(fields.execProbes, durationMs),
  };
}

class CommandError extends Error {}

/**
 * @param {string} type
 * @param {Record<string, unknown>} fields
 * @returns {Command}
 */
function readCommand(type, fields) {
  switch (type) {
    case 'start':
    case 'sigterm':
    case 'kill':
    case 'stop':
      return { type };
    case 'load': {
      const d = DEFAULT_SCENARIO_PLAN;
      return {
        type,
        users: readInteger(fields, 'users', d.users, 1, LIMITS.maxUsers),
        durationMs: readInteger(fields, 'durationMs', d.durationMs, LIMITS.minDurationMs, LIMITS.maxDurationMs),
        path: readPath(fields, 'path', d.path),
        keepAlive: readBoolean(fields, 'keepAlive', d.keepAlive),
      };
    }
    case 'scenario':
      return { type, ...readScenarioPlan(fields) };
    default:
      throw new CommandError(`Unknown command type "${type}"`);
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} key
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 * @param {string} [label] how the field is named in the error, when nested
 */
function readInteger(fields, key, fallback, min, max, label = key) {
  const value = fields[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CommandError(`"${label}" must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} key
 * @param {boolean} fallback
 */
function readBoolean(fields, key, fallback) {
  const value = fields[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new CommandError(`"${key}" must be true or false`);
  return value;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} key
 * @param {string} fallback
 */
function readPath(fields, key, fallback) {
  const value = fields[key];
  if (value === undefined) return fallback;
  if (!isRequestPath(value)) {
    throw new CommandError(`"${key}" must be a path starting with "/" (at most ${LIMITS.maxPathLength} characters)`);
  }
  return value;
}

/**
 * A path the harness may put on a request line: starts with "/", printable ASCII only,
 * so it cannot smuggle CR/LF into the request.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isRequestPath(value) {
  return (
    typeof value === 'string' &&
    value.startsWith('/') &&
    value.length <= LIMITS.maxPathLength &&
    /^[\x21-\x7e]+$/.test(value)
  );
}

/**
 * @param {unknown} value
 * @param {number} durationMs
 * @returns {SilentClientPlan | null}
 */
function readSilentClient(value, durationMs) {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw new CommandError('"silentClient" must be an object or null');
  const mode = value.mode;
  if (mode !== 'nothing' && mode !== 'partialHeaders') {
    throw new CommandError('"silentClient.mode" must be "nothing" or "partialHeaders"');
  }
  return { mode, afterMs: readInteger(value, 'afterMs', 0, 0, durationMs, 'silentClient.afterMs') };
}

/**
 * @param {unknown} value
 * @param {number} durationMs
 * @returns {ProbePlan[]}
 */
function readProbes(value, durationMs) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > LIMITS.maxProbes) {
    throw new CommandError(`"probes" must be an array of at most ${LIMITS.maxProbes} probes`);
  }
  const names = new Set();
  return value.map((probe, index) => {
    if (!isRecord(probe) || typeof probe.name !== 'string' || probe.name === '') {
      throw new CommandError(`"probes[${index}]" must be an object with a non-empty "name"`);
    }
    if (names.has(probe.name)) throw new CommandError(`"probes[${index}].name" repeats "${probe.name}"`);
    names.add(probe.name);
    if (!isRequestPath(probe.path)) throw new CommandError(`"probes[${index}].path" must be a path starting with "/"`);
    return {
      name: probe.name,
      path: probe.path,
      afterMs: readInteger(probe, 'afterMs', 0, 0, durationMs, `probes[${index}].afterMs`),
    };
  });
}

/**
 * @param {unknown} value
 * @param {number} durationMs
 * @returns {ExecProbePlan[]}
 */
function readExecProbes(value, durationMs) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > LIMITS.maxExecProbes) {
    throw new CommandError(`"execProbes" must be an array of at most ${LIMITS.maxExecProbes} probes`);
  }
  const names = new Set();
  return value.map((probe, index) => {
    const at = `execProbes[${index}]`;
    if (!isRecord(probe) || typeof probe.name !== 'string' || probe.name === '') {
      throw new CommandError(`"${at}" must be an object with a non-empty "name"`);
    }
    if (names.has(probe.name)) throw new CommandError(`"${at}.name" repeats "${probe.name}"`);
    names.add(probe.name);
    if (!isExecCommand(probe.command)) {
      throw new CommandError(
        `"${at}.command" must be an array of 1 to ${LIMITS.maxExecArgs} non-empty strings without NUL (at most ${LIMITS.maxExecArgLength} characters each)`,
      );
    }
    return {
      name: probe.name,
      command: [...probe.command],
      afterMs: readInteger(probe, 'afterMs', 0, 0, durationMs, `${at}.afterMs`),
      timeoutMs: readInteger(
        probe,
        'timeoutMs',
        DEFAULT_EXEC_TIMEOUT_MS,
        LIMITS.minExecTimeoutMs,
        LIMITS.maxExecTimeoutMs,
        `${at}.timeoutMs`,
      ),
    };
  });
}

/**
 * An exec-form command the harness may run: program and arguments as separate strings,
 * none empty or holding NUL (which no argument vector can carry).
 * @param {unknown} value
 * @returns {value is string[]}
 */
export function isExecCommand(value) {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= LIMITS.maxExecArgs &&
    value.every((arg) => typeof arg === 'string' && arg !== '' && arg.length <= LIMITS.maxExecArgLength && !arg.includes('\0'))
  );
}
