// @ts-check
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from './http-get.mjs';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').ReadinessObservation} ReadinessObservation */

/**
 * @typedef {object} ReadinessMonitorOptions
 * @property {string} host
 * @property {number} port
 * @property {string} path
 * @property {number} intervalMs
 * @property {Clock} clock
 * @property {(observation: ReadinessObservation) => void} [onChange]
 */

/**
 * @typedef {object} ReadinessMonitor
 * @property {() => boolean} isRoutable false from a 503 until the next 2xx: the time in
 *   which an orchestrator would no longer route new connections to the app
 * @property {() => number | null} firstNotReadyAt when readiness first returned 503
 * @property {() => ReadinessObservation[]} observations changes only, in order
 * @property {() => Promise<void>} stop
 */

/**
 * Polls the readiness path like an orchestrator's probe and tracks whether the app
 * would still receive new connections. Only a 503 takes the app out of rotation and
 * only a 2xx puts it back: "unreachable" after a 503 keeps it out, and before any 503
 * it is the app's fault (the listener went away while it still claimed to be ready),
 * so the app stays in rotation and the refused connections count against it.
 * @param {ReadinessMonitorOptions} options
 * @returns {ReadinessMonitor}
 */
export function startReadinessMonitor({ host, port, path, intervalMs, clock, onChange }) {
  const stopController = new AbortController();
  /** @type {ReadinessObservation[]} */
  const observations = [];
  let routable = true;
  /** @type {number | null} */
  let firstNotReadyAt = null;

  /** @param {ReadinessObservation} observation */
  const record = (observation) => {
    if (observation.status === 503) {
      routable = false;
      firstNotReadyAt ??= observation.t;
    } else if (typeof observation.status === 'number' && observation.status >= 200 && observation.status < 300) {
      routable = true;
    }
    if (observations.at(-1)?.status === observation.status) return;
    observations.push(observation);
    onChange?.(observation);
  };

  const polling = (async () => {
    const timeoutMs = Math.max(500, intervalMs * 5);
    while (!stopController.signal.aborted) {
      const startedAt = clock();
      const response = await httpGet({ host, port, path, timeoutMs });
      if (stopController.signal.aborted) return;
      record({ t: clock(), status: response.status ?? 'unreachable' });
      const wait = Math.max(0, intervalMs - (clock() - startedAt));
      await sleep(wait, undefined, { signal: stopController.signal }).catch(() => {});
    }
  })();

  return {
    isRoutable: () => routable,
    firstNotReadyAt: () => firstNotReadyAt,
    observations: () => observations.slice(),
    stop: async () => {
      stopController.abort();
      await polling;
    },
  };
}
