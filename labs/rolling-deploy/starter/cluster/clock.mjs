// @ts-check
/**
 * Cluster time. The lab cluster runs ten times faster than a real one, so a rollout that
 * takes a minute in Kubernetes fits in a few seconds here: every duration in
 * deployment.yaml, in seconds or in milliseconds, lasts a tenth of that in real time.
 * Logs are stamped in cluster time, so they read in the manifest's own units.
 */

export const LAB_SPEED = 10;

const startedAt = performance.now();

/**
 * Real milliseconds that a cluster duration lasts here.
 * @param {number} clusterMs
 */
export function realMs(clusterMs) {
  return clusterMs / LAB_SPEED;
}

/** @param {number} seconds */
export function secondsToRealMs(seconds) {
  return realMs(seconds * 1000);
}

/** Cluster seconds since the orchestrator started. */
export function clusterSeconds() {
  return ((performance.now() - startedAt) * LAB_SPEED) / 1000;
}

/**
 * Writes one line of the cluster's log: `[  12.3 s] source: message`.
 * @param {string} source who reports: a component such as `kubelet`, or a pod's name
 * @param {string} message
 */
export function log(source, message) {
  console.log(`[${clusterSeconds().toFixed(1).padStart(6)} s] ${source}: ${message}`);
}
