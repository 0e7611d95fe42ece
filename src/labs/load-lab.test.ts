import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../labs/harness/scenario.mjs';
import { evaluateChecks } from '../../labs/harness/checks.mjs';
import { freePort } from '../../labs/harness/test/helpers.mjs';
import { applySolution, loadLab, loadLabManifest, loadLabs, type LabFiles } from './load-lab.js';
import { LabManifestError } from './manifest.js';

const STARTER_SERVER = `import http from 'node:http';
const server = http.createServer((req, res) => setTimeout(() => res.end('ok'), 20));
server.listen(Number(process.env.PORT), () => console.log('listening'));
`;

const SOLUTION_SERVER = `import http from 'node:http';
let stopping = false;
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') return res.writeHead(stopping ? 503 : 200).end();
  setTimeout(() => {
    if (stopping) res.setHeader('Connection', 'close');
    res.end('ok');
  }, 20);
});
process.on('SIGTERM', () => {
  stopping = true;
  console.log('shutdown initiated');
  setTimeout(() => {
    server.close(() => console.log('http server closed'));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  }, 400);
});
server.listen(Number(process.env.PORT), () => console.log('listening'));
`;

function manifest(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'drain',
    title: 'Drain',
    summary: 'Stop without dropping requests.',
    order: 1,
    lesson: 'lessons/graceful-shutdown',
    files: { editable: ['server.mjs'], readOnly: ['lib/config.json'] },
    app: { entry: 'server.mjs', port: 3000, readinessPath: '/health/ready' },
    scenario: { users: 5, durationMs: 2000, sigtermAfterMs: 600, graceMs: 1200 },
    checks: [
      { id: 'no-failed', kind: 'noFailedRequests', message: 'Requests failed.', hint: 'Flip readiness first.' },
      {
        id: 'order',
        kind: 'logOrder',
        params: { lines: ['shutdown initiated', 'http server closed'] },
        message: 'Missing shutdown steps.',
        hint: 'Log each step.',
      },
      { id: 'exit-0', kind: 'exitCode', message: 'Not a clean exit.', hint: 'Handle SIGTERM.' },
      { id: 'grace', kind: 'exitWithinGrace', message: 'Too slow.', hint: 'Add a deadline.' },
    ],
    starterFails: ['no-failed', 'order', 'exit-0'],
    ...overrides,
  };
}

const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shipshape-lab-test-'));
  tempDirs.push(dir);
  return dir;
}

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
}

/** Writes a lab folder `<root>/<name>` and returns its path. */
async function writeLab(root: string, name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  await writeTree(dir, files);
  return dir;
}

function validLabFiles(overrides: Record<string, unknown> = {}): Record<string, string> {
  return {
    'lab.json': JSON.stringify(manifest(overrides)),
    'README.md': '# Drain\n',
    'starter/server.mjs': STARTER_SERVER,
    'starter/lib/config.json': '{}\n',
    'solution/server.mjs': SOLUTION_SERVER,
  };
}

async function loadError(dir: string): Promise<string[]> {
  const error = await loadLab(dir).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LabManifestError);
  return (error as LabManifestError).issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('loadLab', () => {
  it('loads the manifest, the instructions and both file trees', async () => {
    const dir = await writeLab(await tempDir(), 'drain', validLabFiles());
    const lab = await loadLab(dir);
    expect(lab.manifest.slug).toBe('drain');
    expect(lab.instructions).toBe('# Drain\n');
    expect(Object.keys(lab.starter).sort()).toEqual(['lib/config.json', 'server.mjs']);
    expect(lab.solution).toEqual({ 'server.mjs': SOLUTION_SERVER });
    expect(applySolution(lab)).toEqual({ 'lib/config.json': '{}\n', 'server.mjs': SOLUTION_SERVER });
    expect((await loadLabManifest(dir)).checks).toHaveLength(4);
  });

  it('refuses a solution file identical to its starter file', async () => {
    const dir = await writeLab(await tempDir(), 'drain', { ...validLabFiles(), 'solution/server.mjs': STARTER_SERVER });
    expect(await loadError(dir)).toEqual([
      'solution/server.mjs: Is identical to starter/server.mjs; leave it out or change it',
    ]);
  });

  it('reports every file problem at once, naming the lab', async () => {
    const files = validLabFiles({ slug: 'drain-lab' });
    delete files['README.md'];
    delete files['starter/lib/config.json'];
    files['starter/notes.txt'] = 'x';
    files['solution/lib/config.json'] = '{"a":1}';
    const dir = await writeLab(await tempDir(), 'drain', files);
    await symlink('/etc/hostname', path.join(dir, 'starter', 'link'));
    const error = await loadLab(dir).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      [
        'Lab "drain" is invalid:',
        '  - slug: Must equal the folder name "drain"',
        '  - instructions: README.md does not exist in the lab folder',
        '  - starter/link: Is not a regular file (links are not allowed)',
        '  - files: "lib/config.json" is listed but starter/lib/config.json does not exist',
        '  - files: starter/notes.txt is not listed in files.editable or files.readOnly',
        '  - solution/lib/config.json: Is not one of files.editable',
      ].join('\n'),
    );
  });

  it('reports a missing or malformed manifest and missing folders', async () => {
    const root = await tempDir();
    expect(await loadError(await writeLab(root, 'empty', { 'README.md': '' }))).toEqual([
      'lab.json: Missing: every lab folder needs one',
    ]);
    expect(await loadError(await writeLab(root, 'broken', { 'lab.json': '{"slug": ' }))).toEqual([
      expect.stringMatching(/^lab\.json: Is not valid JSON: /),
    ]);
    const noTrees = await writeLab(root, 'drain', { 'lab.json': JSON.stringify(manifest()), 'README.md': '' });
    expect(await loadError(noTrees)).toEqual([
      'starter/: The folder is missing',
      'solution/: The folder is missing',
      'files: "server.mjs" is listed but starter/server.mjs does not exist',
      'files: "lib/config.json" is listed but starter/lib/config.json does not exist',
      'solution/: The solution has no files',
    ]);
  });
});

describe('loadLabs', () => {
  it('loads every lab folder but the harness, in course order', async () => {
    const root = await tempDir();
    await writeLab(root, 'drain', validLabFiles({ order: 2 }));
    await writeLab(root, 'trap', validLabFiles({ slug: 'trap', order: 1 }));
    await writeTree(path.join(root, 'harness'), { 'supervisor.mjs': '' });
    expect((await loadLabs(root)).map((lab) => lab.manifest.slug)).toEqual(['trap', 'drain']);
  });

  it('reports every broken lab and clashing orders together', async () => {
    const root = await tempDir();
    await writeLab(root, 'drain', validLabFiles());
    await writeLab(root, 'trap', validLabFiles({ slug: 'trap' }));
    await writeLab(root, 'typo', { 'lab.json': '{' });
    const error = await loadLabs(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    const messages = (error as AggregateError).errors.map((e: Error) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Lab "typo" is invalid:\n {2}- lab\.json: Is not valid JSON/),
      expect.stringMatching(/^Lab "(drain|trap)" is invalid:\n {2}- order: 1 is also the order of "(drain|trap)"$/),
    ]);
  });
});

describe('a lab through the harness', () => {
  async function runChecks(files: LabFiles, lab: Awaited<ReturnType<typeof loadLab>>) {
    const cwd = await tempDir();
    await writeTree(cwd, files);
    const { app, scenario, checks } = lab.manifest;
    if (!app || !scenario) throw new Error('the test lab has an app and a scenario');
    const result = await runScenario({ app: { ...app, cwd, port: await freePort() }, plan: scenario });
    return evaluateChecks(checks, { result });
  }

  it('fails exactly the starter checks on the starter and passes all on the solution', async () => {
    const lab = await loadLab(await writeLab(await tempDir(), 'drain', validLabFiles()));

    const starter = await runChecks(lab.starter, lab);
    expect(starter.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(lab.manifest.starterFails);
    expect(starter.checks.find((c) => c.id === 'no-failed')).toMatchObject({ message: 'Requests failed.', hint: 'Flip readiness first.' });

    const solution = await runChecks(applySolution(lab), lab);
    expect(solution.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(solution.status).toBe('pass');
  });
});
