import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/node-bundle.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_DOCKERFILE } from '../rules/dockerfile/example-dockerfile.js';
import { GOOD_DEPLOYMENT } from '../rules/kubernetes/example-deployment.js';
import { rules } from '../rules/index.js';
import { runCli } from './cli.js';

const CLEAN_DOCKERIGNORE = 'node_modules\ndist\n.git\n.env\n.env.*\ntests\n';
const CLEAN_COMPOSE = 'services:\n  api:\n    build: .\n    init: true\n    mem_limit: 512m\n    stop_grace_period: 30s\n';
const BAD_DOCKERFILE = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD npm start\n';

let root: string;
let cli: string;

/** Builds the CLI entry the way the release build does (ESM, node, packages external) and runs it for real. */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shipshape-cli-'));
  await symlink(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
  cli = path.join(root, 'main.js');
  await build({ entryPoints: ['src/cli/main.ts'], ...NODE_BUNDLE, outfile: cli, logLevel: 'silent' });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function project(name: string, files: Record<string, string>): Promise<string> {
  const directory = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, file)), { recursive: true });
    await writeFile(path.join(directory, file), text);
  }
  return directory;
}

function shipshape(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('shipshape lint, run as a process', () => {
  it('exits 0 on a clean project and says so', async () => {
    const cwd = await project('clean', { Dockerfile: GOOD_DOCKERFILE, '.dockerignore': CLEAN_DOCKERIGNORE, 'compose.yaml': CLEAN_COMPOSE });
    const result = await shipshape(['lint'], cwd);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('No problems found in 3 files.\n');
  });

  it('exits 1 on error findings, grouped by file with a code frame and no colours when not on a terminal', async () => {
    const cwd = await project('bad', { Dockerfile: BAD_DOCKERFILE });
    const result = await shipshape(['lint', '.'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Dockerfile\n/);
    expect(result.stdout).toContain('  4:9      error   Use npm ci instead of npm install');
    expect(result.stdout).toContain('    4 | RUN npm install\n      |         ^^^^^^^\n');
    expect(result.stdout).toMatch(/DI001/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('prints a JSON array of findings', async () => {
    const cwd = await project('json', { Dockerfile: BAD_DOCKERFILE, '.dockerignore': CLEAN_DOCKERIGNORE });
    const result = await shipshape(['lint', '--format', 'json'], cwd);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(findings).toContainEqual({ file: 'Dockerfile', rule: 'DF006', severity: 'error', line: 4, column: 9, endLine: 4, endColumn: 16, message: expect.stringContaining('npm ci') });
    for (const finding of findings) expect(Object.keys(finding).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
  });

  it('prints SARIF 2.1.0 with rule metadata, help links and fixes', async () => {
    const cwd = await project('sarif', { Dockerfile: BAD_DOCKERFILE, '.dockerignore': CLEAN_DOCKERIGNORE });
    const result = await shipshape(['lint', '-f', 'sarif', '--docs-url', 'https://course.example.org/'], cwd);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules).toHaveLength(rules.length);
    expect(run.tool.driver.rules[run.tool.driver.rules.findIndex((r: { id: string }) => r.id === 'DF008')]).toMatchObject({
      id: 'DF008',
      helpUri: 'https://course.example.org/rules/df008/',
      defaultConfiguration: { level: 'error' },
    });
    const df006 = run.results.find((r: { ruleId: string }) => r.ruleId === 'DF006');
    expect(df006).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 16 } } }],
      fixes: [{ artifactChanges: [{ replacements: [{ insertedContent: { text: 'ci' } }] }] }],
    });
    expect(run.tool.driver.rules[df006.ruleIndex].id).toBe('DF006');
  });

  it('recognises Kubernetes manifests named on the command line, and pairs Dockerfile.* with its own ignore file', async () => {
    const cwd = await project('mixed', {
      'api.Dockerfile': GOOD_DOCKERFILE,
      'api.Dockerfile.dockerignore': CLEAN_DOCKERIGNORE,
      'k8s/deployment.yaml': GOOD_DEPLOYMENT.replace('runAsNonRoot: true', 'runAsNonRoot: false'),
    });
    const result = await shipshape(['lint', '--format', 'json', '.', 'k8s/deployment.yaml'], cwd);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ file: 'k8s/deployment.yaml', rule: 'KS005' })]);
    expect(result.code).toBe(1);
  });

  it.each<[string, string[], RegExp]>([
    ['a path that does not exist', ['lint', 'missing-dir'], /^shipshape: cannot read missing-dir: no such file or directory\n$/],
    ['an unknown format', ['lint', '--format', 'xml'], /^shipshape: unknown format "xml"/],
    ['an unknown option', ['lint', '--fix'], /^shipshape: Unknown option '--fix'/],
    ['an unknown command', ['frobnicate'], /^shipshape: unknown command "frobnicate"/],
    ['no command', [], /^shipshape: missing command/],
    ['a file it cannot lint', ['lint', 'notes.yaml'], /^shipshape: notes.yaml is not a Dockerfile, .dockerignore, compose file or Kubernetes manifest\n$/],
  ])('exits 2 with one line on stderr for %s', async (_, args, message) => {
    const cwd = await project('usage', { 'notes.yaml': 'title: notes\n' });
    const result = await shipshape(args, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('checks a compose override file only for what it sets, and reads the main file for the Dockerfile', async () => {
    // A development override: no memory limit or init of its own (compose.yaml has them), a pinned image, a duplicated key.
    const override = 'services:\n  api:\n    build:\n      target: dev\n    ports:\n      - "127.0.0.1:8080:8080"\n    ports:\n      - "9229:9229"\n  db:\n    image: postgres:latest\n';
    const cwd = await project('override', { Dockerfile: GOOD_DOCKERFILE, '.dockerignore': CLEAN_DOCKERIGNORE, 'compose.yaml': CLEAN_COMPOSE, 'compose.override.yaml': override });
    for (const args of [['lint'], ['lint', 'compose.override.yaml']]) {
      const result = await shipshape([...args, '--format', 'json'], cwd);
      const findings = JSON.parse(result.stdout) as Array<{ file: string; rule: string; line: number }>;
      expect(findings.filter((finding) => finding.file === 'compose.override.yaml').map(({ rule, line }) => `${rule}:${line}`).sort(), args.join(' ')).toEqual(['DC004:10', 'DC005:7']);
      expect(findings.filter((finding) => finding.file !== 'compose.override.yaml'), args.join(' ')).toEqual([]);
    }
    // The same text under the main file's name is judged whole: it lacks memory limits and init.
    const whole = await shipshape(['lint', '--format', 'json', 'compose.yaml'], await project('override-as-main', { 'compose.yaml': override }));
    expect((JSON.parse(whole.stdout) as Array<{ rule: string }>).map((finding) => finding.rule)).toContain('DC002');
  });

  it('prints help', async () => {
    const result = await shipshape(['lint', '--help'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: shipshape lint \[paths…\]/);
  });
});

describe('colours', () => {
  async function textOutput(isTTY: boolean, env: Record<string, string>) {
    const cwd = await project('colour', { Dockerfile: BAD_DOCKERFILE });
    let stdout = '';
    const code = await runCli(['lint'], { cwd, env, stdout: { isTTY, write: (text: string) => (stdout += text) }, stderr: { write: () => true } });
    return { code, stdout };
  }

  it('are used on a terminal', async () => {
    expect((await textOutput(true, {})).stdout).toContain('\u001b[31merror');
  });

  it('are off when NO_COLOR is set, even on a terminal', async () => {
    const { code, stdout } = await textOutput(true, { NO_COLOR: '1' });
    expect(code).toBe(1);
    expect(stdout).not.toContain('\u001b[');
  });
});
