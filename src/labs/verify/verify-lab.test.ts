// labs:verify judged through real processes: small labs whose starter and solution are real
// apps, run by the real harness, with manifests that tell the truth or do not.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_DOCKERFILE } from '../../rules/dockerfile/example-dockerfile.js';
import { loadLab } from '../load-lab.js';
import { main } from './main.js';
import { formatLabLine, formatProblems } from './report.js';
import { verifyLab } from './verify-lab.js';

// Dies of SIGTERM: requests in flight are cut, later ones refused.
const STARTER_SERVER = `import http from 'node:http';
const server = http.createServer((req, res) => setTimeout(() => res.end('ok'), 20));
server.listen(Number(process.env.PORT), () => console.log('listening'));
`;

const SOLUTION_SERVER = `import http from 'node:http';
let stopping = false;
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') return res.writeHead(stopping ? 503 : 200).end();
  if (stopping) res.setHeader('Connection', 'close');
  setTimeout(() => res.end('ok'), 20);
});
process.on('SIGTERM', () => {
  stopping = true;
  console.log('shutdown initiated');
  setTimeout(() => {
    server.close(() => console.log('http server closed'));
    server.closeIdleConnections();
  }, 300);
});
server.listen(Number(process.env.PORT), () => console.log('listening'));
`;

const CHECKS = [
  { id: 'no-failed', kind: 'noFailedRequests', message: 'Requests failed.', hint: 'Drain first.' },
  {
    id: 'order',
    kind: 'logOrder',
    params: { lines: ['shutdown initiated', 'http server closed'] },
    message: 'The shutdown steps are missing.',
    hint: 'Log each step.',
  },
  { id: 'exit-0', kind: 'exitCode', message: 'Not a clean exit.', hint: 'Handle SIGTERM.' },
  { id: 'grace', kind: 'exitWithinGrace', message: 'Too slow.', hint: 'Add a deadline.' },
];

function drainLab(slug: string, starterFails: string[]): Record<string, string> {
  const manifest = {
    slug,
    title: 'Drain',
    summary: 'Stop without dropping requests.',
    order: 1,
    lesson: 'lessons/graceful-shutdown',
    files: { editable: ['server.mjs'] },
    app: { entry: 'server.mjs', port: 3000, readinessPath: '/health/ready' },
    scenario: { users: 4, durationMs: 1500, sigtermAfterMs: 500, graceMs: 800 },
    checks: CHECKS,
    starterFails,
  };
  return {
    'lab.json': JSON.stringify(manifest),
    'README.md': '# Drain\n',
    'starter/server.mjs': STARTER_SERVER,
    'solution/server.mjs': SOLUTION_SERVER,
  };
}

function dockerfileLab(slug: string, order: number): Record<string, string> {
  const manifest = {
    slug,
    title: 'Dockerfile',
    summary: 'Fix the Dockerfile.',
    order,
    lesson: 'lessons/base-images',
    files: { editable: ['Dockerfile'] },
    checks: [{ id: 'base-image', kind: 'rules', params: { ruleIds: ['DF001'] }, message: 'Pin it.', hint: 'Use a version.' }],
    starterFails: ['base-image'],
  };
  return {
    'lab.json': JSON.stringify(manifest),
    'README.md': '# Dockerfile\n',
    'starter/Dockerfile': GOOD_DOCKERFILE.replace(/FROM node:[^\s]+/g, 'FROM node:latest'),
    'solution/Dockerfile': GOOD_DOCKERFILE,
  };
}

// Tests run concurrently, so folders are removed once all are done.
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeLabs(labs: Record<string, Record<string, string>>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'shipshape-verify-test-'));
  tempDirs.push(root);
  for (const [name, files] of Object.entries(labs)) {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name, file)), { recursive: true });
      await writeFile(path.join(root, name, file), content);
    }
  }
  return root;
}

function collect() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe.concurrent('verifyLab', () => {
  it('accepts a lab whose starter fails exactly what it declares and whose solution passes', async () => {
    const root = await writeLabs({ drain: drainLab('drain', ['no-failed', 'order', 'exit-0']) });
    const verification = await verifyLab(await loadLab(path.join(root, 'drain')));

    expect(verification.starter).toMatchObject({ mismatches: [], problems: [], ranScenario: true });
    expect(verification.starter.rows.map((row) => [row.id, row.status])).toEqual([
      ['no-failed', 'fail'],
      ['order', 'fail'],
      ['exit-0', 'fail'],
      ['grace', 'pass'],
    ]);
    expect(verification.solution).toMatchObject({ mismatches: [], problems: [] });
    expect(formatLabLine(verification, 5)).toMatch(
      /^drain  starter: fails no-failed, order, exit-0 as declared, passes the other 1 \(\d+\.\d s\)  solution: passes 4\/4 \(\d+\.\d s\)$/,
    );
    expect(formatProblems(verification)).toEqual([]);
  });

  it('names each check whose result differs from the manifest, with what it said', async () => {
    // The starter really fails exit-0 and passes grace; this manifest claims the opposite.
    const root = await writeLabs({ drain: drainLab('drain', ['no-failed', 'order', 'grace']) });
    const verification = await verifyLab(await loadLab(path.join(root, 'drain')));

    expect(verification.starter.mismatches).toEqual([
      { id: 'exit-0', expected: 'pass', got: 'fail', message: 'Not a clean exit.' },
      { id: 'grace', expected: 'fail', got: 'pass', message: expect.stringMatching(/^The app exited \d+ ms after SIGTERM/) },
    ]);
    expect(verification.solution.mismatches).toEqual([]);
    expect(formatLabLine(verification, 5)).toMatch(/^drain  starter: NOT AS DECLARED, 2 problems \(\d+\.\d s\)  solution: passes 4\/4/);
    expect(formatProblems(verification)).toEqual([
      '  starter: check exit-0 was expected to pass but got fail: Not a clean exit.',
      expect.stringMatching(/^ {2}starter: check grace was expected to fail but got pass: The app exited \d+ ms after SIGTERM/),
    ]);
  });

  it('judges a lab without an app on its files alone, with the rules engine', async () => {
    const root = await writeLabs({ dockerfile: dockerfileLab('dockerfile', 1) });
    const verification = await verifyLab(await loadLab(path.join(root, 'dockerfile')));

    expect(verification.starter).toMatchObject({ ranScenario: false, mismatches: [], problems: [] });
    expect(verification.starter.rows).toEqual([expect.objectContaining({ id: 'base-image', status: 'fail', message: 'Pin it.' })]);
    expect(verification.solution.rows).toEqual([expect.objectContaining({ id: 'base-image', status: 'pass' })]);
    expect(formatLabLine(verification, 10)).toBe(
      'dockerfile  starter: fails base-image as declared (no scenario)  solution: passes 1/1 (no scenario)',
    );
  });
});

describe.concurrent('labs:verify', () => {
  it('exits 0 when every lab is as declared, printing a line per lab in course order', async () => {
    const root = await writeLabs({
      drain: drainLab('drain', ['no-failed', 'order', 'exit-0']),
      dockerfile: dockerfileLab('dockerfile', 2),
    });
    const stdout = collect();
    const stderr = collect();
    expect(await main([], { labsDir: root, stdout, stderr })).toBe(0);
    expect(stdout.text().split('\n')).toEqual([
      expect.stringMatching(/^drain {7}starter: fails no-failed, order, exit-0 as declared/),
      expect.stringMatching(/^dockerfile {2}starter: fails base-image as declared/),
      '',
    ]);
    expect(stderr.text()).toBe('');
  });

  it('exits 1 and explains when a lab is not as declared', async () => {
    const root = await writeLabs({ drain: drainLab('drain', ['no-failed', 'order', 'grace']) });
    const stdout = collect();
    expect(await main(['drain'], { labsDir: root, stdout, stderr: collect() })).toBe(1);
    expect(stdout.text()).toContain('  starter: check exit-0 was expected to pass but got fail: Not a clean exit.\n');
    expect(stdout.text()).toMatch(/\n1 of 1 lab runs were not as their manifests declare\.\n$/);
  });

  it('refuses unknown labs and bad options with exit code 2', async () => {
    const root = await writeLabs({ dockerfile: dockerfileLab('dockerfile', 1) });
    const stderr = collect();
    expect(await main(['nope'], { labsDir: root, stdout: collect(), stderr })).toBe(2);
    expect(stderr.text()).toBe('labs:verify: no lab named nope; the labs are: dockerfile\n');
    const badRepeat = collect();
    expect(await main(['--repeat', '0'], { labsDir: root, stdout: collect(), stderr: badRepeat })).toBe(2);
    expect(badRepeat.text()).toBe('labs:verify: --repeat must be a whole number from 1 to 100, not "0"\n');
  });
});
