// @ts-check
/**
 * The Deployment controller's rolling update, as Kubernetes runs it for a small
 * Deployment with the default strategy (maxSurge 25% rounds up to one pod, maxUnavailable
 * 25% rounds down to none): start one new pod, wait until it is ready, then terminate one
 * old pod, and repeat. Termination does not hold the rollout up; its steps overlap.
 */
import { log } from './clock.mjs';

/** @typedef {import('./pod.mjs').Pod} Pod */

/**
 * @typedef {object} RolloutOptions
 * @property {Pod[]} oldPods
 * @property {(index: number) => Promise<Pod>} startNewPod
 * @property {(pod: Pod) => Promise<boolean>} waitUntilReady
 * @property {(pod: Pod) => void} addEndpoint
 * @property {(pod: Pod) => Promise<void>} terminate removes the endpoint and stops the pod
 * @property {AbortSignal} signal aborted when the cluster shuts down
 */

/**
 * Ends when every old pod has stopped, or early when a new pod never becomes ready or the
 * cluster shuts down.
 * @param {RolloutOptions} options
 * @returns {Promise<void>}
 */
export async function rollOut({ oldPods, startNewPod, waitUntilReady, addEndpoint, terminate, signal }) {
  log('deployment', 'rolling out v2: one new pod at a time; each old pod is terminated once its replacement is ready');
  /** @type {Promise<void>[]} */
  const terminations = [];
  for (const [index, oldPod] of oldPods.entries()) {
    const pod = await startNewPod(index);
    if (!(await waitUntilReady(pod))) {
      if (!signal.aborted) log('deployment', `rollout stopped: ${pod.name} did not become ready`);
      return;
    }
    log('kubelet', `${pod.name} is ready`);
    addEndpoint(pod);
    terminations.push(terminate(oldPod));
  }
  await Promise.all(terminations);
  if (!signal.aborted) log('deployment', 'rollout complete: every pod runs v2');
}
