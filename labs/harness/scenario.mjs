// @ts-check
import { setTimeout as sleep } from 'node:timers/promises';
import { PROTOCOL_VERSION, emptyCounts, readScenarioPlan } from './protocol.mjs';
import { createClock } from './clock.mjs';
import { appEnvironment, spawnApp, waitUntilListening } from './app-process.mjs';
import { startReadinessMonitor } from './readiness.mjs';
import { startLoad } from './load.mjs';
import { openSilentClient } from './silent-client.mjs';
import { httpGet } from './http-get.mjs';
import { notRun, runExecProbe } from './exec-probe.mjs';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').AppOptions} AppOptions */
/** @typedef {import('./protocol.mjs').ScenarioPlan} ScenarioPlan */
/** @typedef {import('./protocol.mjs').ScenarioResult} ScenarioResult */
/** @typedef {import('./protocol.mjs').HarnessEvent} HarnessEvent */
/** @typedef {import('./protocol.mjs').LogEntry} LogEntry */
/** @typedef {import('./protocol.mjs').ProbeResult} ProbeResult */
/** @typedef {import('./protocol.mjs').ProbePlan} ProbePlan */
/** @typedef {import('./protocol.mjs').ExecProbeResult} ExecProbeResult */
/** @typedef {import('./protocol.mjs').ReadinessObservation} ReadinessObservation */
/** @typedef {import('./load.mjs').LoadRun} LoadRun */
/** @typedef {import('./silent-client.mjs').SilentClient} SilentClient */

/** Lines beyond this are counted, not kept: enough for the lost-logs lab's 10,001 lines. */
const MAX_LOG_LINES = 20_000;
/** SIGKILL ends a process at once; this only bounds a runtime where it does not. */
const KILL_WAIT_MS = 2_000;
/** Bound on reading the last output after the app exited. */
const OUTPUT_DRAIN_MS = 1_000;

/**
 * @typedef {object} ScenarioOptions
 * @property {AppOptions} app
 * @property {Partial<ScenarioPlan>} [plan] defaults from DEFAULT_SCENARIO_PLAN
 */

/**
 * @typedef {object} ScenarioControl
 * @property {AbortSignal} [signal] aborting kills the app and rejects with the reason
 * @property {(event: HarnessEvent) => void} [onEvent] live events as they happen
 * @property {Clock} [clock] the time base of every `t`; a new clock by default
 */

/**
 * Runs a lab's scenario: start the app, wait until it answers HTTP, send load for
 * `durationMs`, send SIGTERM at `sigtermAfterMs` while the load goes on, SIGKILL the
 * process group if the app is still running `graceMs` later, and return one structured
 * result once the app has exited and the load has ended. Every step is bounded in time;
 * the app's process group is always killed before this returns.
 * @param {ScenarioOptions} options
 * @param {ScenarioControl} [control]
 * @returns {Promise<ScenarioResult>}
 */
export async function runScenario(options, control = {}) {
  const plan = readScenarioPlan(options.plan ?? {});
  const { app: appOptions } = options;
  const clock = control.clock ?? createClock();
  const emit = control.onEvent ?? (() => {});
  const { signal } = control;
  signal?.throwIfAborted();
  const host = appOptions.host ?? '127.0.0.1';
  const { port } = appOptions;
  const readinessPath = appOptions.readinessPath ?? null;
  const abortable = abortableBy(signal);
  // Ends pending scheduled steps (probes, the silent client) when the scenario ends, and
  // kills exec probes still running then.
  const scheduled = new AbortController();

  /** @type {LogEntry[]} */
  const logs = [];
  let logsDropped = 0;
  const app = spawnApp({
    app: appOptions,
    clock,
    onEvent: (event) => {
      if (event.type === 'log') {
        if (logs.length < MAX_LOG_LINES) logs.push({ t: event.t, stream: event.stream, line: event.line });
        else logsDropped += 1;
      }
      emit(event);
    },
  });
  const readiness = readinessPath
    ? startReadinessMonitor({
        host,
        port,
        path: readinessPath,
        intervalMs: plan.readinessPollMs,
        clock,
        onChange: (observation) => emit({ type: 'readiness', ...observation }),
      })
    : null;

  /** @type {string | null} */
  let error = null;
  /** @type {number | null} */
  let listeningAt = null;
  /** @type {number | null} */
  let sigtermAt = null;
  let killedAfterGrace = false;
  /** @type {import('./app-process.mjs').AppExit | null} */
  let exit = null;
  app.exited.then((record) => (exit = record));
  /** @type {LoadRun | null} */
  let load = null;
  /** @type {Promise<SilentClient | null>} */
  let silentClientOpened = Promise.resolve(null);
  /** @type {Promise<ProbeResult>[]} */
  const probes = [];
  /** @type {Promise<ExecProbeResult>[]} */
  const execProbes = [];

  try {
    const listening = await abortable(
      waitUntilListening({
        host,
        port,
        path: readinessPath ?? plan.path,
        timeoutMs: plan.startTimeoutMs,
        clock,
        isRunning: app.isRunning,
        signal,
      }),
    );
    if ('error' in listening) {
      error = listening.error;
    } else {
      const startAt = listening.listeningAt;
      listeningAt = startAt;
      emit({ type: 'status', state: 'running', t: startAt });
      /** @param {number} offsetMs */
      const msUntil = (offsetMs) => Math.max(0, startAt + offsetMs - clock());

      load = startLoad({
        host,
        port,
        path: plan.path,
        users: plan.users,
        durationMs: plan.durationMs,
        keepAlive: plan.keepAlive,
        requestTimeoutMs: plan.requestTimeoutMs,
        clock,
        isRoutable: readiness ? readiness.isRoutable : undefined,
        onProgress: (progress) => emit({ type: 'requests', ...progress }),
      });
      const silentPlan = plan.silentClient;
      if (silentPlan) {
        silentClientOpened = sleep(msUntil(silentPlan.afterMs), undefined, { signal: scheduled.signal }).then(
          () => openSilentClient({ host, port, mode: silentPlan.mode, clock }),
          () => null,
        );
      }
      for (const probe of plan.probes) {
        probes.push(
          sleep(msUntil(probe.afterMs), undefined, { signal: scheduled.signal }).then(
            () => sendProbe({ host, port, probe, timeoutMs: plan.requestTimeoutMs, clock }),
            () => probeNotSent(probe, clock()),
          ),
        );
      }
      for (const probe of plan.execProbes) {
        execProbes.push(
          sleep(msUntil(probe.afterMs), undefined, { signal: scheduled.signal }).then(
            () =>
              runExecProbe({ probe, cwd: appOptions.cwd, env: appEnvironment(port), clock, signal: scheduled.signal }),
            () => notRun(probe, clock()),
          ),
        );
      }

      const exitedBeforeSigterm = await abortable(settlesWithin(app.exited, msUntil(plan.sigtermAfterMs)));
      const sentAt = clock();
      if (!exitedBeforeSigterm && app.sigterm()) {
        sigtermAt = sentAt;
        emit({ type: 'signal', signal: 'SIGTERM', reason: 'scenario', t: sentAt });
        if (!(await abortable(settlesWithin(app.exited, plan.graceMs)))) {
          killedAfterGrace = true;
          emit({ type: 'signal', signal: 'SIGKILL', reason: 'grace', t: clock() });
          app.killProcessGroup();
        }
      }
    }
    // Traffic does not stop because the app exited: until readiness says 503, a load
    // balancer keeps sending new connections, and those are refused.
    if (load) await abortable(load.finished);
  } finally {
    // Whatever the app left running (or the app itself, if it never answered or the
    // scenario was aborted) goes now; nothing the scenario started may outlive it.
    load?.stop();
    app.killProcessGroup();
    scheduled.abort();
    await Promise.all([
      settlesWithin(app.exited, KILL_WAIT_MS),
      load?.finished,
      readiness?.stop(),
      silentClientOpened.then((client) => client?.close()),
      settlesWithin(app.outputClosed, OUTPUT_DRAIN_MS),
    ]);
  }

  const loadSummary = load ? await load.finished : null;
  const silentClient = await silentClientOpened;
  const probeResults = await Promise.all(probes);
  const execProbeResults = await Promise.all(execProbes);
  const readinessObservations = readiness ? readiness.observations() : [];
  const finalExit = /** @type {import('./app-process.mjs').AppExit | null} */ (exit);
  if (finalExit?.spawnError) error = `The app could not be started: ${finalExit.spawnError}`;
  else if (finalExit === null) error ??= 'The app did not exit after SIGKILL.';
  const exitRecord =
    finalExit && !finalExit.spawnError
      ? { code: finalExit.code, signal: finalExit.signal, t: finalExit.t, killedAfterGrace }
      : null;

  return {
    protocolVersion: PROTOCOL_VERSION,
    plan,
    error,
    requests: {
      counts: loadSummary?.counts ?? emptyCounts(),
      total: loadSummary?.total ?? 0,
      failed: loadSummary?.failed ?? 0,
      firstAt: loadSummary?.firstAt ?? {},
      timeline: loadSummary?.timeline ?? [],
    },
    logs,
    logsDropped,
    readiness: readinessObservations,
    probes: probeResults,
    execProbes: execProbeResults,
    silentClient: silentClient?.result() ?? null,
    sigtermAt,
    exit: exitRecord,
    timings: {
      listeningAt,
      loadStartedAt: loadSummary?.startedAt ?? null,
      loadEndedAt: loadSummary?.endedAt ?? null,
      readinessFlippedAt: sigtermAt === null ? null : readinessFlippedAt(readinessObservations, sigtermAt),
      shutdownMs: sigtermAt !== null && exitRecord ? exitRecord.t - sigtermAt : null,
    },
  };
}

/**
 * Whether `promise` settles within `ms`. The timer is cleared either way, so a long
 * bound never keeps the process alive after the scenario.
 * @param {Promise<unknown>} promise
 * @param {number} ms
 * @returns {Promise<boolean>}
 */
async function settlesWithin(promise, ms) {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise.then(() => true),
      sleep(ms, undefined, { signal: timer.signal }).then(() => false),
    ]);
  } finally {
    timer.abort();
  }
}

/**
 * When readiness was first seen returning 503 at or after SIGTERM (if it already was
 * 503 when SIGTERM came, that moment).
 * @param {ReadinessObservation[]} observations changes only, in order
 * @param {number} sigtermAt
 * @returns {number | null}
 */
function readinessFlippedAt(observations, sigtermAt) {
  const before = observations.filter((o) => o.t < sigtermAt).at(-1);
  if (before?.status === 503) return sigtermAt;
  return observations.find((o) => o.t >= sigtermAt && o.status === 503)?.t ?? null;
}

/**
 * @param {{ host: string, port: number, probe: ProbePlan, timeoutMs: number, clock: Clock }} options
 * @returns {Promise<ProbeResult>}
 */
async function sendProbe({ host, port, probe, timeoutMs, clock }) {
  const t = clock();
  const response = await httpGet({ host, port, path: probe.path, timeoutMs });
  if (response.status === null) {
    return { name: probe.name, path: probe.path, t, status: null, headers: {}, body: '', error: response.error };
  }
  return { name: probe.name, path: probe.path, t, ...response, error: null };
}

/**
 * @param {ProbePlan} probe
 * @param {number} t
 * @returns {ProbeResult}
 */
function probeNotSent(probe, t) {
  const error = 'Not sent: the scenario ended first.';
  return { name: probe.name, path: probe.path, t, status: null, headers: {}, body: '', error };
}

/**
 * Wraps promises so they reject with the signal's reason as soon as it aborts.
 * @param {AbortSignal | undefined} signal
 * @returns {<T>(promise: Promise<T>) => Promise<T>}
 */
function abortableBy(signal) {
  if (!signal) return (promise) => promise;
  /** @type {Promise<never>} */
  const aborted = new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  // Nobody may be waiting when the abort comes; the races below still see it.
  aborted.catch(() => {});
  return (promise) => Promise.race([promise, aborted]);
}
