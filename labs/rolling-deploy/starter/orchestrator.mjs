// @ts-check
/**
 * A small Kubernetes in one process: it runs deployment.yaml as a Deployment of app pods
 * behind a load balancer listening on PORT, then rolls out a new version of the app
 * while traffic flows, and logs each step: pods starting and becoming ready, endpoints
 * added and removed, preStop, SIGTERM, and SIGKILL when a grace period runs out.
 *
 * On SIGTERM the whole cluster stops: the load balancer serves a little longer, then
 * every pod is terminated, and the orchestrator exits 0.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { LAB_SPEED, log, secondsToRealMs } from './cluster/clock.mjs';
import { ManifestError, readDeployment } from './cluster/deployment.mjs';
import { LoadBalancer } from './cluster/load-balancer.mjs';
import { Pod } from './cluster/pod.mjs';
import { rollOut } from './cluster/rollout.mjs';

/** @typedef {import('./cluster/deployment.mjs').PodTemplate} PodTemplate */

/** Cluster seconds; each lasts a tenth of a second here (cluster/clock.mjs). */
const ENDPOINT_PROPAGATION_SECONDS = 3;
/** Counted from the moment traffic flows, so there is load to watch when the rollout begins. */
const ROLLOUT_STARTS_AFTER_SECONDS = 10;
/** How long a new pod may take to become ready before the rollout gives up. */
const READY_DEADLINE_SECONDS = 60;
/** On shutdown, the load balancer keeps routing this long: the last requests still land. */
const LOAD_BALANCER_DRAIN_SECONDS = 5;

const port = Number(process.env.PORT ?? 3000);

const template = readTemplate();
/** Every pod that has not exited, old and new. */
const pods = new Set();
const shutdown = new AbortController();
const loadBalancer = new LoadBalancer({
  propagationMs: secondsToRealMs(ENDPOINT_PROPAGATION_SECONDS),
  propagationSeconds: ENDPOINT_PROPAGATION_SECONDS,
});
if (template) await runCluster(template);

/** @returns {PodTemplate | null} */
function readTemplate() {
  try {
    return readDeployment(readFileSync(new URL('./deployment.yaml', import.meta.url), 'utf8'));
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    console.error(`deployment.yaml: ${error.message}`);
    process.exitCode = 1;
    return null;
  }
}

/** @param {PodTemplate} template */
async function runCluster(template) {
  log('cluster', `runs ${LAB_SPEED}x faster than real time: durations in deployment.yaml and in this log are cluster time`);
  log('cluster', `endpoint changes take ${ENDPOINT_PROPAGATION_SECONDS} s to reach the load balancer`);
  process.on('SIGTERM', stopCluster);
  const oldPods = await Promise.all(Array.from({ length: template.replicas }, (_, index) => startPod(template, 'v1', index)));
  const everyPodReady = await Promise.all(oldPods.map(waitUntilReady));
  if (shutdown.signal.aborted) return;
  if (everyPodReady.includes(false)) {
    log('cluster', 'the v1 pods did not become ready, so there is nothing to roll out from: check the readinessProbe');
    await Promise.all(oldPods.map((pod) => pod.terminate({ reason: 'never ready', runPreStop: false })));
    process.exitCode = 1;
    return;
  }
  for (const pod of oldPods) loadBalancer.addNow(pod);
  await loadBalancer.listen(port);
  log('load balancer', `listening on port ${port}; each new connection goes to the next endpoint`);
  await Promise.race([loadBalancer.trafficFlowing, new Promise((resolve) => shutdown.signal.addEventListener('abort', resolve))]);
  if (shutdown.signal.aborted) return;
  log('deployment', `traffic is flowing: the rollout of v2 begins in ${ROLLOUT_STARTS_AFTER_SECONDS} s`);
  const rolloutTimer = setTimeout(
    () =>
      rollOut({
        oldPods,
        startNewPod: (index) => startPod(template, 'v2', index),
        waitUntilReady,
        addEndpoint: (pod) => loadBalancer.add(pod),
        terminate: (pod) => {
          loadBalancer.remove(pod);
          return pod.terminate({ reason: 'replaced by v2', runPreStop: true });
        },
        signal: shutdown.signal,
      }),
    secondsToRealMs(ROLLOUT_STARTS_AFTER_SECONDS),
  );
  shutdown.signal.addEventListener('abort', () => clearTimeout(rolloutTimer));
}

/**
 * @param {PodTemplate} template
 * @param {string} version
 * @param {number} index
 */
async function startPod(template, version, index) {
  const pod = new Pod({ name: `${template.name}-${version}-${index + 1}`, version, port: await freePort(), template });
  pods.add(pod);
  pod.exited.then(() => pods.delete(pod));
  log('kubelet', `${pod.name} started`);
  return pod;
}

/** @param {Pod} pod */
function waitUntilReady(pod) {
  return pod.waitUntilReady({ deadlineMs: secondsToRealMs(READY_DEADLINE_SECONDS), signal: shutdown.signal });
}

async function stopCluster() {
  if (shutdown.signal.aborted) return;
  shutdown.abort();
  log('cluster', `SIGTERM: the load balancer routes for ${LOAD_BALANCER_DRAIN_SECONDS} s more, then every pod stops`);
  await sleep(secondsToRealMs(LOAD_BALANCER_DRAIN_SECONDS));
  loadBalancer.stopAccepting();
  // A pod the rollout was starting may appear meanwhile: loop until none is left.
  const reason = 'cluster shutdown; nothing routes to it any more, so no preStop';
  while (pods.size > 0) await Promise.all([...pods].map((pod) => pod.terminate({ reason, runPreStop: false })));
  loadBalancer.destroyConnections();
  log('cluster', 'stopped');
}

/**
 * A port nothing listens on right now, for the next pod.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolve(address.port));
    });
  });
}
