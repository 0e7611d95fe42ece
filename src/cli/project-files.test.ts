import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

/** The course's own container follows every rule it teaches: its files lint with zero findings. */
describe("the project's own Dockerfile, .dockerignore, compose.yaml and Kubernetes manifests", () => {
  it('lint clean', async () => {
    const manifests = readdirSync('deploy/k8s')
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => path.join('deploy/k8s', file));
    let stdout = '';
    const code = await runCli(['lint', '--format', 'json', '.', ...manifests], {
      cwd: process.cwd(),
      env: {},
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stdout += text) },
    });
    expect(JSON.parse(stdout)).toEqual([]);
    expect(code).toBe(0);
  });
});
