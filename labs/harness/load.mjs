// @ts-check
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { countFailed, emptyCounts } from './protocol.mjs';
import { errorCode } from './http-get.mjs';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').Outcome} Outcome */
/** @typedef {import('./protocol.mjs').OutcomeCounts} OutcomeCounts */
/** @typedef {import('./protocol.mjs').RequestSummary} RequestSummary */
/** @typedef {import('./protocol.mjs').TimelineSample} TimelineSample */

/** Errors that mean the connection was torn down under the request. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * A refused user waits this long before it tries again, so a dead app is not met with
 * a tight reconnect loop (the flaw that makes autocannon a poor judge here).
 */
const RETRY_AFTER_REFUSED_MS = 50;

/** How often a user that may not open a new connection looks at readiness again. */
const PAUSED_USER_RECHECK_MS = 25;

/**
 * @typedef {object} RequestFacts
 * What the client saw of one request; `classifyRequest` turns it into an outcome.
 * @property {number | null} status the status of a complete response, else null
 * @property {string | null} errorCode null when a complete response arrived
 * @property {boolean} reusedSocket the request went out on a kept-alive socket
 * @property {boolean} responseStarted at least one byte of the response arrived
 * @property {boolean} timedOut the client gave up waiting
 * @property {boolean} routable readiness had not returned 503 (or had recovered) when the error was seen
 */

/**
 * The classification of notes/shutdown.md, in one place.
 * @param {RequestFacts} facts
 * @returns {Outcome}
 */
export function classifyRequest(facts) {
  if (facts.timedOut) return 'timeout';
  if (facts.errorCode === null && facts.status !== null) {
    return facts.status >= 200 && facts.status < 300 ? 'ok' : 'non2xx';
  }
  if (facts.errorCode === 'ECONNREFUSED') {
    return facts.routable ? 'refusedBeforeReady503' : 'refusedAfterReady503';
  }
  if (facts.errorCode !== null && RESET_CODES.has(facts.errorCode)) {
    return facts.reusedSocket && !facts.responseStarted ? 'retrySafeReset' : 'acceptedReset';
  }
  return 'otherError';
}

/**
 * @typedef {object} LoadOptions
 * @property {string} host
 * @property {number} port
 * @property {string} path
 * @property {number} users
 * @property {number} durationMs
 * @property {boolean} keepAlive
 * @property {number} requestTimeoutMs
 * @property {Clock} clock
 * @property {() => boolean} [isRoutable] readiness as the orchestrator sees it; always
 *   routable when the app has no readiness path
 * @property {(progress: LoadProgress) => void} [onProgress]
 * @property {number} [progressIntervalMs]
 */

/**
 * @typedef {object} LoadProgress
 * @property {OutcomeCounts} counts
 * @property {number} inFlight
 * @property {boolean} done
 * @property {number} t
 */

/**
 * @typedef {RequestSummary & { startedAt: number, endedAt: number }} LoadSummary
 */

/**
 * @typedef {object} LoadRun
 * @property {() => void} stop stop sending new requests; requests in flight still settle
 * @property {Promise<LoadSummary>} finished resolves once every request has settled
 * @property {() => { counts: OutcomeCounts, inFlight: number }} snapshot
 */

/**
 * Runs `users` virtual users for `durationMs`. Each user has its own keep-alive agent
 * with one socket and sends one request after another, like a browser tab or an
 * upstream proxy connection. Users behave like traffic behind a fair load balancer:
 * once readiness returns 503 a user keeps using the socket it has but does not open a
 * new connection until readiness is back to 2xx.
 * @param {LoadOptions} options
 * @returns {LoadRun}
 */
export function startLoad(options) {
  const { clock, users, durationMs, onProgress, progressIntervalMs = 200 } = options;
  const isRoutable = options.isRoutable ?? (() => true);
  const stopController = new AbortController();
  const counts = emptyCounts();
  /** @type {Partial<Record<Outcome, number>>} */
  const firstAt = {};
  /** @type {TimelineSample[]} */
  const timeline = [];
  let inFlight = 0;
  const startedAt = clock();

  const sample = () => {
    const t = clock();
    timeline.push({ t, ok: counts.ok, failed: countFailed(counts), inFlight });
    return t;
  };
  const sampler = setInterval(() => {
    const t = sample();
    onProgress?.({ counts: { ...counts }, inFlight, done: false, t });
  }, progressIntervalMs);
  const durationTimer = setTimeout(() => stopController.abort(), durationMs);

  /** @param {http.Agent} agent */
  const runVirtualUser = async (agent) => {
    const stopped = stopController.signal;
    while (!stopped.aborted) {
      if (!isRoutable() && !hasFreeSocket(agent)) {
        await sleep(PAUSED_USER_RECHECK_MS, undefined, { signal: stopped }).catch(() => {});
        continue;
      }
      inFlight += 1;
      const outcome = await sendRequest({ ...options, agent, isRoutable });
      inFlight -= 1;
      counts[outcome] += 1;
      firstAt[outcome] ??= clock();
      // The agent takes a kept-alive socket back one tick after the response ends; let
      // it, so the next free-socket check sees the socket this user really has.
      await new Promise((resolve) => setImmediate(resolve));
      if (outcome === 'refusedBeforeReady503' || outcome === 'refusedAfterReady503') {
        await sleep(RETRY_AFTER_REFUSED_MS, undefined, { signal: stopped }).catch(() => {});
      }
    }
  };

  const agents = Array.from({ length: users }, () => new http.Agent({ keepAlive: options.keepAlive, maxSockets: 1 }));
  const finished = Promise.all(agents.map(runVirtualUser)).then(() => {
    clearInterval(sampler);
    clearTimeout(durationTimer);
    for (const agent of agents) agent.destroy();
    const endedAt = sample();
    onProgress?.({ counts: { ...counts }, inFlight, done: true, t: endedAt });
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { counts: { ...counts }, total, failed: countFailed(counts), firstAt, timeline, startedAt, endedAt };
  });

  return {
    stop: () => stopController.abort(),
    finished,
    snapshot: () => ({ counts: { ...counts }, inFlight }),
  };
}

/**
 * @param {http.Agent} agent
 * @returns {boolean}
 */
function hasFreeSocket(agent) {
  return Object.values(agent.freeSockets).some((sockets) => sockets !== undefined && sockets.length > 0);
}

/**
 * Sends one GET and resolves with its outcome. Never rejects.
 * @param {{ host: string, port: number, path: string, requestTimeoutMs: number, agent: http.Agent, isRoutable: () => boolean }} options
 * @returns {Promise<Outcome>}
 */
function sendRequest({ host, port, path, requestTimeoutMs, agent, isRoutable }) {
  return new Promise((resolve) => {
    let settled = false;
    let responseArrived = false;
    /** @type {import('node:net').Socket | null} */
    let socket = null;
    let bytesReadBefore = 0;

    /**
     * @param {{ status: number | null, errorCode: string | null, timedOut?: boolean }} end
     */
    const settle = ({ status, errorCode: code, timedOut = false }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(
        classifyRequest({
          status,
          errorCode: code,
          reusedSocket: req.reusedSocket,
          // A reset can arrive after part of the status line, before Node emits 'response'.
          responseStarted: responseArrived || (socket !== null && socket.bytesRead > bytesReadBefore),
          timedOut,
          routable: isRoutable(),
        }),
      );
    };

    const req = http.request({ host, port, path, method: 'GET', agent }, (res) => {
      responseArrived = true;
      res.resume();
      res.on('end', () => settle({ status: res.statusCode ?? 0, errorCode: null }));
      res.on('error', (error) => settle({ status: null, errorCode: errorCode(error) }));
      res.on('close', () => {
        if (!res.complete) settle({ status: null, errorCode: 'ECONNRESET' });
      });
    });
    req.on('socket', (assigned) => {
      socket = assigned;
      bytesReadBefore = assigned.bytesRead;
    });
    req.on('error', (error) => settle({ status: null, errorCode: errorCode(error) }));
    const timer = setTimeout(() => {
      settle({ status: null, errorCode: null, timedOut: true });
      req.destroy();
    }, requestTimeoutMs);
    req.end();
  });
}
