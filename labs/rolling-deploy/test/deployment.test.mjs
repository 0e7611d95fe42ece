// @ts-check
// What the lab cluster takes from deployment.yaml, and the messages a learner gets for a
// manifest it cannot run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManifestError, readDeployment } from '../starter/cluster/deployment.mjs';

const labDir = fileURLToPath(new URL('..', import.meta.url));
/** @param {string} file relative to the lab folder */
const labFile = (file) => readFileSync(path.join(labDir, file), 'utf8');
const starter = labFile('starter/deployment.yaml');

describe('readDeployment', () => {
  it('reads the starter: no preStop hook, a 10 s grace period, no drain delay', () => {
    expect(readDeployment(starter)).toEqual({
      name: 'api',
      replicas: 2,
      terminationGracePeriodSeconds: 10,
      preStopSleepSeconds: 0,
      readinessProbe: { path: '/health/ready', periodSeconds: 2 },
      env: [{ name: 'SHUTDOWN_TIMEOUT_MS', value: '15000' }],
    });
  });

  it('reads the solution: preStop sleep, drain delay and a grace period that covers them', () => {
    expect(readDeployment(labFile('solution/deployment.yaml'))).toMatchObject({
      terminationGracePeriodSeconds: 30,
      preStopSleepSeconds: 5,
      env: [
        { name: 'SHUTDOWN_DRAIN_MS', value: '3000' },
        { name: 'SHUTDOWN_TIMEOUT_MS', value: '15000' },
      ],
    });
  });

  it('reads an exec sleep hook as clusters before the sleep action write it', () => {
    const exec = starter.replace(
      '          resources:',
      '          lifecycle:\n            preStop:\n              exec:\n                command: ["sleep", "7"]\n          resources:',
    );
    expect(readDeployment(exec).preStopSleepSeconds).toBe(7);
  });

  it('applies Kubernetes defaults for what the manifest leaves out', () => {
    const bare = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n';
    expect(readDeployment(bare)).toEqual({
      name: 'web',
      replicas: 1,
      terminationGracePeriodSeconds: 30,
      preStopSleepSeconds: 0,
      readinessProbe: null,
      env: [],
    });
  });

  it.each([
    [starter.replace('value: "15000"', 'value: 15000'), 'spec.template.spec.containers[0].env[0] (SHUTDOWN_TIMEOUT_MS): value must be a string; quote it, e.g. value: "5000"'],
    [starter.replace('value: "15000"', 'value: "15s"'), 'spec.template.spec.containers[0].env[0] (SHUTDOWN_TIMEOUT_MS): value must be a whole number of milliseconds, e.g. "5000"'],
    [starter.replace('terminationGracePeriodSeconds: 10', 'terminationGracePeriodSeconds: 2.5'), 'spec.template.spec.terminationGracePeriodSeconds must be a whole number of seconds, not 2.5'],
    [starter.replace('replicas: 2', 'replicas: 9'), 'spec.replicas must be from 1 to 4 in this lab'],
    [starter.replace('kind: Deployment', 'kind: Pod'), 'kind must be Deployment, not "Pod"'],
    [starter.replace('path: /health/ready', 'port: 8080'), 'YAML line 31: "port" appears twice in the same mapping'],
    [
      starter.replace('          resources:', '          lifecycle:\n            preStop:\n              httpGet:\n                path: /drain\n          resources:'),
      'spec.template.spec.containers[0].lifecycle.preStop: this lab cluster runs a sleep action (sleep: { seconds: N }) or exec: { command: ["sleep", "N"] }',
    ],
  ])('names the field and what to write instead (%#)', (text, message) => {
    expect(() => readDeployment(text)).toThrow(ManifestError);
    expect(() => readDeployment(text)).toThrow(message);
  });
});
