// @ts-check
/**
 * Reads deployment.yaml into what the lab cluster needs to run and replace pods. The
 * cluster reads: spec.replicas, and in the pod template terminationGracePeriodSeconds and
 * the first container's env, lifecycle.preStop and readinessProbe. Other fields are valid
 * Kubernetes and the rules engine reads them, but they change nothing here.
 */
import { YamlError, parseYaml } from './yaml.mjs';

/** Pods take real processes; a lab machine has room for this many of each version. */
const MAX_REPLICAS = 4;
/** Kubernetes' defaults for fields a manifest leaves out. */
const DEFAULT_GRACE_SECONDS = 30;
const DEFAULT_PROBE_PERIOD_SECONDS = 10;
/** The app's shutdown timings, which the cluster hands over at lab speed. */
export const SHUTDOWN_ENV = ['SHUTDOWN_DRAIN_MS', 'SHUTDOWN_TIMEOUT_MS'];

export class ManifestError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ManifestError';
  }
}

/**
 * @typedef {object} PodTemplate
 * @property {string} name the Deployment's name, which prefixes its pods' names
 * @property {number} replicas
 * @property {number} terminationGracePeriodSeconds
 * @property {number} preStopSleepSeconds 0 when the container has no preStop hook
 * @property {{ path: string, periodSeconds: number } | null} readinessProbe null: ready once started
 * @property {Array<{ name: string, value: string }>} env
 */

/**
 * @param {string} text the manifest
 * @returns {PodTemplate}
 * @throws {ManifestError} naming the field (or the YAML line) and what to write instead
 */
export function readDeployment(text) {
  let document;
  try {
    document = parseYaml(text);
  } catch (error) {
    if (error instanceof YamlError) throw new ManifestError(`YAML ${error.message}`);
    throw error;
  }
  const root = mapping(document, '(the document)');
  if (root.kind !== 'Deployment') throw new ManifestError(`kind must be Deployment, not ${JSON.stringify(root.kind ?? null)}`);
  const name = root.metadata === undefined ? undefined : mapping(root.metadata, 'metadata').name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    throw new ManifestError('metadata.name must be a lowercase name such as "api"');
  }
  const spec = mapping(root.spec, 'spec');
  const replicas = wholeNumber(spec.replicas ?? 1, 'spec.replicas', 'count');
  if (replicas < 1 || replicas > MAX_REPLICAS) throw new ManifestError(`spec.replicas must be from 1 to ${MAX_REPLICAS} in this lab`);
  const podSpec = mapping(mapping(spec.template, 'spec.template').spec, 'spec.template.spec');
  const containers = podSpec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    throw new ManifestError('spec.template.spec.containers must list at least one container');
  }
  const containerPath = 'spec.template.spec.containers[0]';
  const container = mapping(containers[0], containerPath);
  return {
    name,
    replicas,
    terminationGracePeriodSeconds: wholeNumber(
      podSpec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
      'spec.template.spec.terminationGracePeriodSeconds',
    ),
    preStopSleepSeconds: readPreStop(container.lifecycle, `${containerPath}.lifecycle`),
    readinessProbe: readReadinessProbe(container.readinessProbe, `${containerPath}.readinessProbe`),
    env: readEnv(container.env, `${containerPath}.env`),
  };
}

/**
 * @param {unknown} lifecycle
 * @param {string} path
 * @returns {number}
 */
function readPreStop(lifecycle, path) {
  if (lifecycle === undefined || lifecycle === null) return 0;
  const preStop = mapping(lifecycle, path).preStop;
  if (preStop === undefined || preStop === null) return 0;
  const hook = mapping(preStop, `${path}.preStop`);
  if (hook.sleep !== undefined) return wholeNumber(mapping(hook.sleep, `${path}.preStop.sleep`).seconds, `${path}.preStop.sleep.seconds`);
  const command = hook.exec === undefined ? undefined : mapping(hook.exec, `${path}.preStop.exec`).command;
  // `exec: { command: ["sleep", "15"] }` is how clusters before the sleep action wait.
  if (Array.isArray(command) && command.length === 2 && /^(?:\/bin\/)?sleep$/.test(String(command[0]))) {
    return wholeNumber(Number(command[1]), `${path}.preStop.exec.command[1]`);
  }
  throw new ManifestError(`${path}.preStop: this lab cluster runs a sleep action (sleep: { seconds: N }) or exec: { command: ["sleep", "N"] }`);
}

/**
 * @param {unknown} probe
 * @param {string} path
 * @returns {PodTemplate['readinessProbe']}
 */
function readReadinessProbe(probe, path) {
  if (probe === undefined || probe === null) return null;
  const fields = mapping(probe, path);
  const httpGet = fields.httpGet === undefined ? undefined : mapping(fields.httpGet, `${path}.httpGet`);
  if (typeof httpGet?.path !== 'string' || !httpGet.path.startsWith('/')) {
    throw new ManifestError(`${path}.httpGet.path must be the path to probe, such as /health/ready`);
  }
  const periodSeconds = wholeNumber(fields.periodSeconds ?? DEFAULT_PROBE_PERIOD_SECONDS, `${path}.periodSeconds`);
  if (periodSeconds < 1) throw new ManifestError(`${path}.periodSeconds must be at least 1`);
  return { path: httpGet.path, periodSeconds };
}

/**
 * @param {unknown} env
 * @param {string} path
 * @returns {PodTemplate['env']}
 */
function readEnv(env, path) {
  if (env === undefined || env === null) return [];
  if (!Array.isArray(env)) throw new ManifestError(`${path} must be a list of name/value entries`);
  return env.map((entry, index) => {
    const { name, value } = mapping(entry, `${path}[${index}]`);
    if (typeof name !== 'string' || name === '') throw new ManifestError(`${path}[${index}].name must be a variable name`);
    // Kubernetes rejects a number here too: environment values are strings.
    if (typeof value !== 'string') throw new ManifestError(`${path}[${index}] (${name}): value must be a string; quote it, e.g. value: "5000"`);
    if (SHUTDOWN_ENV.includes(name) && !/^\d+$/.test(value)) {
      throw new ManifestError(`${path}[${index}] (${name}): value must be a whole number of milliseconds, e.g. "5000"`);
    }
    return { name, value };
  });
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {Record<string, unknown>}
 */
function mapping(value, path) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${path} must be a mapping of "key: value" lines`);
  }
  return /** @type {Record<string, unknown>} */ (value);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @param {'seconds' | 'count'} [unit]
 * @returns {number}
 */
function wholeNumber(value, path, unit = 'seconds') {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    const what = unit === 'seconds' ? 'a whole number of seconds' : 'a whole number';
    throw new ManifestError(`${path} must be ${what}, not ${JSON.stringify(value ?? null)}`);
  }
  return value;
}
