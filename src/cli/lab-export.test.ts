// `shipshape lab export` as learners run it: the CLI bundled as the production image has it
// (dist/cli/main.js beside the built site's published labs, no labs/ folder), the exported
// app started with the very command the CLI printed, the exported harness started as its
// README says. Plus the CLI run from source, which reads the repository's labs/.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../labs/free-port.js';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/node-bundle.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../labs/load-lab.js';
import { runCli } from './cli.js';
import { openLabCatalogue } from './lab-catalogue.js';

const LABS_DIR = path.resolve('labs');
const source = await openLabCatalogue({ siteDir: path.join(tmpdir(), 'shipshape-no-site'), labsDir: LABS_DIR });
const labSlugs = await source.slugs();
const appLabs: string[] = [];
for (const slug of labSlugs) if ((await source.lab(slug))?.manifest.app) appLabs.push(slug);

let root: string;
let cli: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shipshape-lab-export-'));
  const image = path.join(root, 'image');
  cli = path.join(image, 'dist/cli/main.js');
  await build({ entryPoints: ['src/cli/main.ts'], ...NODE_BUNDLE, outfile: cli, logLevel: 'silent' });
  await symlink(path.resolve('node_modules'), path.join(image, 'node_modules'), 'dir');
  // Published the way the build publishes them for the browser.
  const published = path.join(image, 'dist/site/labs');
  await writeJson(path.join(published, 'harness.json'), await source.harness());
  for (const slug of labSlugs) await writeJson(path.join(published, slug, 'bundle.json'), await source.lab(slug));
});

afterAll(async () => {
  for (const child of started) killGroup(child);
  await rm(root, { recursive: true, force: true });
});

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value));
}

function shipshape(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The command the CLI printed to start the app: the one indented line of its output. */
function printedCommand(stdout: string): string {
  const lines = stdout.split('\n').filter((line) => line.startsWith('  '));
  expect(lines).toHaveLength(1);
  return (lines[0] ?? '').trim();
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** GET / until the app answers, or null if it never does within the time. */
async function answerToGetRoot(port: number, timeoutMs = 5_000): Promise<{ status: number; body: string } | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      return { status: response.status, body: await response.text() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return null;
}

/**
 * Runs the printed command in a shell, as a learner would paste it, but on a free port: the
 * lab's own port may be taken on a shared machine.
 */
async function startPrinted(command: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('sh', ['-c', command.replace(/PORT=\d+/, `PORT=${port}`)], { stdio: 'ignore', detached: true });
  started.push(child);
  return { port, child };
}

describe.concurrent('shipshape lab export, from the published labs', () => {
  it.each(appLabs)('exports %s with --solution; the printed command starts an app that answers GET /', async (slug) => {
    const dir = path.join(root, `solution-${slug}`);
    const result = await shipshape(['lab', 'export', slug, dir, '--solution']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const command = printedCommand(result.stdout);
    expect(command).toMatch(new RegExp(`^cd ${dir} && PORT=\\d+ \\S`));

    const { port, child } = await startPrinted(command);
    const answer = await answerToGetRoot(port);
    killGroup(child);
    expect(answer).not.toBeNull();
  });

  it('exports the starter as it is and the solution applied on top of it', async () => {
    const starterDir = path.join(root, 'starter-drain');
    const solutionDir = path.join(root, 'solution-drain');
    expect((await shipshape(['lab', 'export', 'sigterm-drain', starterDir])).code).toBe(0);
    expect((await shipshape(['lab', 'export', 'sigterm-drain', solutionDir, '--solution'])).code).toBe(0);

    const lab = await loadLab(path.join(LABS_DIR, 'sigterm-drain'));
    const exported = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');
    expect(await exported(starterDir, 'server.mjs')).toBe(lab.starter['server.mjs']);
    expect(await exported(solutionDir, 'server.mjs')).toBe(lab.solution['server.mjs']);
    expect(await exported(solutionDir, 'server.mjs')).not.toBe(await exported(starterDir, 'server.mjs'));
    for (const file of Object.keys(lab.starter).filter((file) => !(file in lab.solution))) {
      expect(await exported(solutionDir, file)).toBe(lab.starter[file]);
    }
    const readme = await exported(starterDir, 'README.md');
    expect(readme).toContain('# Drain on SIGTERM');
    expect(readme).toContain('    PORT=3000 node server.mjs');
    expect(readme).toContain('node .harness/supervisor.mjs --entry server.mjs --port 3000');
  });

  it('exports a harness whose supervisor runs the app as the README says', async () => {
    const dir = path.join(root, 'harness-trap');
    expect((await shipshape(['lab', 'export', 'keep-alive-trap', dir])).code).toBe(0);
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    const supervisorLine = readme.split('\n').find((line) => line.trim().startsWith('node .harness/supervisor.mjs'));
    const port = await freePort();
    const args = (supervisorLine ?? '').trim().split(' ').slice(1).map((word) => (word === '3000' ? String(port) : word));

    const supervisor = spawn(process.execPath, args, { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    const events: { type: string; state?: string }[] = [];
    const running = new Promise<void>((resolve) => {
      let buffered = '';
      supervisor.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const event = JSON.parse(line) as { type: string; state?: string };
          events.push(event);
          if (event.type === 'status' && event.state === 'running') resolve();
        }
      });
    });
    supervisor.stdin?.write('{"type":"start"}\n');
    await running;
    expect((await answerToGetRoot(port))?.status).toBe(200);
    // The supervisor ends, and ends the app, when its input ends.
    const exited = new Promise((resolve) => supervisor.once('exit', resolve));
    supervisor.stdin?.end();
    expect(await exited).toBe(0);
    expect(events.map((event) => event.type)).toContain('exit');
  });

  it('refuses a folder that is not empty, an unknown lab and a missing argument, with exit code 2', async () => {
    const busy = path.join(root, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'mine');
    expect(await shipshape(['lab', 'export', 'sigterm-drain', busy])).toEqual({
      code: 2,
      stdout: '',
      stderr: `shipshape: ${busy} is not empty; export into a new or empty folder\n`,
    });
    expect(await readdir(busy)).toEqual(['notes.txt']);

    const unknown = await shipshape(['lab', 'export', 'no-such-lab', path.join(root, 'unknown')]);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe(`shipshape: unknown lab "no-such-lab"; the labs are: ${labSlugs.join(', ')}\n`);
    await expect(stat(path.join(root, 'unknown'))).rejects.toThrow();

    expect((await shipshape(['lab', 'export', 'sigterm-drain'])).stderr).toMatch(/^shipshape: lab export takes a lab and a folder/);
    expect((await shipshape(['lab', 'import'])).stderr).toBe('shipshape: unknown lab command "import" (try shipshape lab --help)\n');
  });
});

describe('shipshape lab export, run from the repository', () => {
  it('reads the labs/ folder when there is no built site beside it', async () => {
    const dir = path.join(root, 'from-source');
    let stdout = '';
    const code = await runCli(['lab', 'export', 'keep-alive-trap', dir, '--solution'], {
      cwd: root,
      env: {},
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(printedCommand(stdout)).toBe(`cd ${dir} && PORT=3000 node server.mjs`);
    const lab = await loadLab(path.join(LABS_DIR, 'keep-alive-trap'));
    expect(await readFile(path.join(dir, 'server.mjs'), 'utf8')).toBe(lab.solution['server.mjs']);
    expect(await readFile(path.join(dir, '.harness/supervisor.mjs'), 'utf8')).toBe(
      await readFile(path.join(LABS_DIR, 'harness/supervisor.mjs'), 'utf8'),
    );
  });
});
