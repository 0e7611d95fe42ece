#!/usr/bin/env node
// @ts-check
/**
 * The lab supervisor: runs one lab app as a child process and obeys newline-delimited
 * JSON commands on stdin, writing newline-delimited JSON events on stdout (protocol.mjs,
 * README.md). The same file runs in a WebContainer, in the server runtime's child
 * process and in CI.
 *
 *   node labs/harness/supervisor.mjs --entry server.js --port 3000 \
 *     [--cwd <dir>] [--readiness /health/ready] [--host 127.0.0.1] [-- <command...>]
 *
 * Each option may come from the environment instead: LAB_ENTRY, LAB_PORT, LAB_CWD,
 * LAB_READINESS_PATH, LAB_HOST, LAB_COMMAND (a JSON array). Arguments win.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SCENARIO_PLAN, LIMITS, PROTOCOL_VERSION, isRequestPath, parseCommand } from './protocol.mjs';
import { createClock } from './clock.mjs';
import { appCommand, spawnApp, waitUntilListening } from './app-process.mjs';
import { startReadinessMonitor } from './readiness.mjs';
import { startLoad } from './load.mjs';
import { runScenario } from './scenario.mjs';
import { readLines } from './lines.mjs';

/** @typedef {import('./protocol.mjs').AppOptions} AppOptions */
/** @typedef {import('./protocol.mjs').Command} Command */
/** @typedef {import('./protocol.mjs').HarnessEvent} HarnessEvent */
/** @typedef {import('./app-process.mjs').AppProcess} AppProcess */
/** @typedef {import('./readiness.mjs').ReadinessMonitor} ReadinessMonitor */
/** @typedef {import('./load.mjs').LoadRun} LoadRun */

/** How long `start` waits for the app to answer HTTP before it reports an error. */
const START_TIMEOUT_MS = 10_000;
/** Bound on the supervisor's own exit once its input has ended. */
const EXIT_TIMEOUT_MS = 5_000;
/** What the supervisor's readiness monitor uses outside scenarios. */
const READINESS_POLL_MS = 100;

class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {AppOptions}
 */
function readAppOptions(argv, env) {
  const { values, positionals } = parseArguments(argv);
  const entry = values.entry ?? env.LAB_ENTRY;
  const command = positionals.length > 0 ? positionals : readCommandVariable(env.LAB_COMMAND);
  if (!entry) throw new UsageError('--entry (or LAB_ENTRY) is required: the lab app file, e.g. server.js');
  const portText = values.port ?? env.LAB_PORT ?? '';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`--port (or LAB_PORT) must be a port number from 1 to 65535, not "${portText}"`);
  }
  const readinessPath = values.readiness ?? env.LAB_READINESS_PATH ?? null;
  if (readinessPath !== null && !isRequestPath(readinessPath)) {
    throw new UsageError(`--readiness (or LAB_READINESS_PATH) must be a path starting with "/", not "${readinessPath}"`);
  }
  return {
    cwd: path.resolve(values.cwd ?? env.LAB_CWD ?? '.'),
    entry,
    command,
    port,
    host: values.host ?? env.LAB_HOST ?? '127.0.0.1',
    readinessPath,
  };
}

/** @param {string[]} argv */
function parseArguments(argv) {
  try {
    return parseArgs({
      args: argv,
      options: {
        entry: { type: 'string' },
        port: { type: 'string' },
        cwd: { type: 'string' },
        readiness: { type: 'string' },
        host: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * @param {string | undefined} text
 * @returns {string[] | undefined}
 */
function readCommandVariable(text) {
  if (text === undefined || text === '') return undefined;
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((part) => typeof part === 'string')) {
    throw new UsageError('LAB_COMMAND must be a JSON array of strings, e.g. ["npm","start"]');
  }
  return value;
}

/**
 * @param {AppOptions} appOptions
 */
function runSupervisor(appOptions) {
  const clock = createClock();
  const host = appOptions.host ?? '127.0.0.1';
  /** @type {AppProcess | null} */
  let app = null;
  /** @type {ReadinessMonitor | null} the last app's monitor; its state outlives the app */
  let readiness = null;
  /** @type {LoadRun | null} */
  let load = null;
  /** @type {AbortController | null} */
  let scenario = null;
  let closing = false;

  /** @param {HarnessEvent} event */
  const emit = (event) => {
    if (!process.stdout.writable) return;
    process.stdout.write(`${JSON.stringify(event)}\n`);
  };
  /** @param {string} message */
  const emitError = (message) => emit({ type: 'error', message, t: clock() });

  const startApp = () => {
    const started = spawnApp({ app: appOptions, clock, onEvent: emit });
    app = started;
    const monitor = appOptions.readinessPath
      ? startReadinessMonitor({
          host,
          port: appOptions.port,
          path: appOptions.readinessPath,
          intervalMs: READINESS_POLL_MS,
          clock,
          onChange: (observation) => emit({ type: 'readiness', ...observation }),
        })
      : null;
    readiness = monitor;
    started.exited.then(() => {
      monitor?.stop();
      if (app === started) app = null;
    });
    waitUntilListening({
      host,
      port: appOptions.port,
      path: appOptions.readinessPath ?? '/',
      timeoutMs: START_TIMEOUT_MS,
      clock,
      isRunning: started.isRunning,
    }).then((listening) => {
      if ('listeningAt' in listening) emit({ type: 'status', state: 'running', t: listening.listeningAt });
      else if (started.isRunning()) emitError(listening.error);
    });
  };

  /** @param {import('./protocol.mjs').LoadCommand} command */
  const startLoadCommand = (command) => {
    const run = startLoad({
      host,
      port: appOptions.port,
      path: command.path,
      users: command.users,
      durationMs: command.durationMs,
      keepAlive: command.keepAlive,
      requestTimeoutMs: DEFAULT_SCENARIO_PLAN.requestTimeoutMs,
      clock,
      isRoutable: () => readiness?.isRoutable() ?? true,
      onProgress: (progress) => emit({ type: 'requests', ...progress }),
    });
    load = run;
    run.finished.then(() => {
      if (load === run) load = null;
    });
  };

  /** @param {import('./protocol.mjs').ScenarioCommand} command */
  const startScenario = (command) => {
    const controller = new AbortController();
    scenario = controller;
    const { type: _type, ...plan } = command;
    runScenario({ app: appOptions, plan }, { clock, onEvent: emit, signal: controller.signal })
      .then(
        (result) => emit({ type: 'result', result, t: clock() }),
        (error) => {
          if (controller.signal.aborted) emitError('The scenario was stopped before it finished.');
          else emitError(`The scenario failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      .finally(() => {
        if (scenario === controller) scenario = null;
      });
  };

  /** Ends the scenario, the load and the app; resolves once the app has exited. */
  const stopEverything = async () => {
    scenario?.abort();
    load?.stop();
    const running = app;
    if (running) {
      emit({ type: 'signal', signal: 'SIGKILL', reason: 'command', t: clock() });
      running.killProcessGroup();
      await running.exited;
    }
  };

  /** @param {Command} command */
  const handle = (command) => {
    const busy = scenario ? 'A scenario is running; send stop to end it first.' : null;
    switch (command.type) {
      case 'start':
        if (busy) return emitError(busy);
        if (app) return emitError('The app is already running.');
        return startApp();
      case 'load':
        if (busy) return emitError(busy);
        if (load) return emitError('Load is already running.');
        return startLoadCommand(command);
      case 'sigterm':
        if (busy) return emitError(busy);
        if (!app) return emitError('The app is not running.');
        if (app.sigterm()) emit({ type: 'signal', signal: 'SIGTERM', reason: 'command', t: clock() });
        return;
      case 'kill':
        if (busy) return emitError(busy);
        if (!app) return emitError('The app is not running.');
        emit({ type: 'signal', signal: 'SIGKILL', reason: 'command', t: clock() });
        return app.killProcessGroup();
      case 'scenario':
        if (busy) return emitError(busy);
        if (app || load) return emitError('Stop the app and the load before running the scenario.');
        return startScenario(command);
      case 'stop':
        stopEverything();
        return;
    }
  };

  const close = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), EXIT_TIMEOUT_MS).unref();
    // Closed by a signal, stdin may still be open and would keep the process alive.
    process.stdin.destroy();
    await stopEverything();
    await load?.finished;
    await readiness?.stop();
  };

  emit({
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    app: {
      cwd: appOptions.cwd,
      command: appCommand(appOptions),
      port: appOptions.port,
      host,
      readinessPath: appOptions.readinessPath ?? null,
    },
    t: clock(),
  });

  readLines(
    process.stdin,
    (line) => {
      if (closing || line.trim() === '') return;
      const parsed = parseCommand(line);
      if (parsed.ok) handle(parsed.command);
      else emitError(parsed.message);
    },
    // One character over the limit, so an overlong command is refused as such.
    LIMITS.maxCommandLineLength + 1,
  ).then(close);
  process.stdout.on('error', close);
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  // Last resort if the supervisor dies with the app still running: signals are synchronous.
  process.on('exit', () => app?.killProcessGroup());
}

try {
  runSupervisor(readAppOptions(process.argv.slice(2), process.env));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`supervisor: ${error.message}\n`);
  process.exitCode = 2;
}
