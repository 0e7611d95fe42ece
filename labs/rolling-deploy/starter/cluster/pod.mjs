// @ts-check
/**
 * A pod: the app in its own process, started and stopped the way the kubelet does it.
 * Termination follows Kubernetes: the grace period starts counting when termination
 * begins, the preStop hook runs first and counts against it, then SIGTERM goes to the
 * app, and whatever still runs when the grace period is over gets SIGKILL.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SHUTDOWN_ENV } from './deployment.mjs';
import { clusterSeconds, log, realMs, secondsToRealMs } from './clock.mjs';

/** @typedef {import('./deployment.mjs').PodTemplate} PodTemplate */

const APP_ENTRY = fileURLToPath(new URL('../app/server.mjs', import.meta.url));
/** A readiness probe that gets no answer in this long has failed (real ms, lenient on a busy machine). */
const PROBE_TIMEOUT_MS = 500;

export class Pod {
  /**
   * Starts the app with the container's environment. Its shutdown timings are handed
   * over at lab speed, like every other duration in the cluster.
   * @param {{ name: string, version: string, port: number, template: PodTemplate }} options
   */
  constructor({ name, version, port, template }) {
    this.name = name;
    this.port = port;
    this.template = template;
    /** @type {Promise<void> | null} */
    this.termination = null;
    const env = Object.fromEntries(
      template.env.map(({ name: variable, value }) => [variable, SHUTDOWN_ENV.includes(variable) ? String(realMs(Number(value))) : value]),
    );
    this.process = spawn(process.execPath, [APP_ENTRY], {
      env: { ...process.env, ...env, PORT: String(port), POD_NAME: name, APP_VERSION: version },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running = true;
    for (const stream of [this.process.stdout, this.process.stderr]) {
      createInterface({ input: stream }).on('line', (line) => log(name, line));
    }
    /** @type {Promise<{ code: number | null, signal: string | null }>} */
    this.exited = new Promise((resolve) => {
      /** @param {number | null} code @param {string | null} signal */
      const finish = (code, signal) => {
        this.running = false;
        resolve({ code, signal });
      };
      this.process.once('exit', finish);
      this.process.once('error', (error) => {
        log('kubelet', `${name} could not start: ${error.message}`);
        finish(null, null);
      });
    });
  }

  /**
   * Probes readiness every periodSeconds until the app answers 2xx or 3xx. Without a
   * readiness probe Kubernetes counts a started container as ready at once.
   * @param {{ deadlineMs: number, signal: AbortSignal }} options deadlineMs in real ms
   * @returns {Promise<boolean>}
   */
  async waitUntilReady({ deadlineMs, signal }) {
    const probe = this.template.readinessProbe;
    if (probe === null) return this.running;
    const giveUpAt = performance.now() + deadlineMs;
    while (this.running && !signal.aborted && performance.now() < giveUpAt) {
      const status = await probeStatus(this.port, probe.path);
      if (status !== null && status >= 200 && status < 400) return true;
      await sleep(secondsToRealMs(probe.periodSeconds), undefined, { signal }).catch(() => {});
    }
    return false;
  }

  /**
   * Terminates the pod once, however often it is asked.
   * @param {{ reason: string, runPreStop: boolean }} options
   * @returns {Promise<void>}
   */
  terminate({ reason, runPreStop }) {
    this.termination ??= this.#terminate(reason, runPreStop);
    return this.termination;
  }

  /**
   * @param {string} reason
   * @param {boolean} runPreStop
   */
  async #terminate(reason, runPreStop) {
    const { terminationGracePeriodSeconds: grace, preStopSleepSeconds } = this.template;
    const startedAt = clusterSeconds();
    log('kubelet', `${this.name} terminating (${reason}); its grace period of ${grace} s starts now`);
    const graceTimer = setTimeout(() => {
      if (!this.running) return;
      log('kubelet', `SIGKILL ${this.name}: still running ${grace} s after termination began (terminationGracePeriodSeconds: ${grace})`);
      this.process.kill('SIGKILL');
    }, secondsToRealMs(grace));
    if (runPreStop && preStopSleepSeconds > 0) {
      log('kubelet', `${this.name} preStop: sleep ${preStopSleepSeconds} s`);
      const preStopOver = new AbortController();
      const sleeping = sleep(secondsToRealMs(preStopSleepSeconds), undefined, { signal: preStopOver.signal }).catch(() => {});
      await Promise.race([sleeping, this.exited]);
      preStopOver.abort();
    }
    if (this.running) {
      log('kubelet', `${this.name} SIGTERM`);
      this.process.kill('SIGTERM');
    }
    const { code, signal } = await this.exited;
    clearTimeout(graceTimer);
    const after = `${(clusterSeconds() - startedAt).toFixed(1)} s after termination began`;
    log('kubelet', `${this.name} ${signal ? `ended by ${signal}` : `exited with code ${code}`}, ${after}`);
  }
}

/**
 * @param {number} port
 * @param {string} path
 * @returns {Promise<number | null>} the status, or null when there was no answer
 */
function probeStatus(port, path) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}
