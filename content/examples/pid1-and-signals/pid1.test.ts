import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The PID 1 lesson's table, proven with real processes. A container is, among other things, a
 * new PID namespace: `unshare --pid --fork --mount-proc` gives a command exactly that, so its
 * first process is PID 1 with the kernel's PID 1 rules, as in `docker run`. The tests send
 * SIGTERM to that PID 1 from outside, as `docker stop` and the kubelet do, and watch what runs.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const UNSHARE = ['--pid', '--fork', '--mount-proc'];
const canUnshare = spawnSync('unshare', [...UNSHARE, 'true']).status === 0;
/** How long a process gets to react to SIGTERM before we call it ignored (docker stop waits 10 s). */
const REACTION_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Run {
  child: ChildProcess;
  /** JSON lines the app printed. */
  logs: Array<{ msg: string; pid: number; port?: number }>;
  exited: Promise<Exit>;
  finished: boolean;
}

const runs: Run[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (!run.finished) {
      const pid1 = firstChild(run.child.pid!);
      if (pid1 !== undefined) process.kill(pid1, 'SIGKILL');
      else run.child.kill('SIGKILL');
    }
    await run.exited;
  }
});

/** What `docker inspect` would report: the exit code, or 128 + the signal that killed it. */
function containerStatus({ code, signal }: Exit): number {
  return code ?? 128 + constants.signals[signal!];
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function firstChild(pid: number): number | undefined {
  return childrenOf(pid)[0];
}

/** Every process below pid, depth first. */
function descendants(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendants(child)]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The state letter of /proc/<pid>/stat: R running, S sleeping, Z zombie (exited, never reaped). */
function stateOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] ?? '';
}

function commandOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
}

/** Runs argv in this folder, as PID 1 of a new PID namespace when `asPid1`, with a clean environment. */
function start(argv: string[], { asPid1 = true } = {}): Run {
  const [command, ...args] = asPid1 ? ['unshare', ...UNSHARE, ...argv] : argv;
  const child = spawn(command!, args, {
    cwd: here,
    env: { PATH: process.env.PATH, HOME: tmpdir(), PORT: '0', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const run: Run = {
    child,
    logs: [],
    finished: false,
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        run.finished = true;
        resolve({ code, signal });
      }),
    ),
  };
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    // npm prints lines of its own ("> start"); the app's lines are JSON.
    for (const line of lines) if (line.startsWith('{')) run.logs.push(JSON.parse(line) as Run['logs'][number]);
  });
  runs.push(run);
  return run;
}

const messages = (run: Run) => run.logs.map((entry) => entry.msg);

async function listening(run: Run): Promise<void> {
  await expect.poll(() => messages(run), { timeout: 10_000 }).toContain('listening');
}

/** The namespace's PID 1 as the host sees it, which is where docker stop sends its signal. */
function pid1Of(run: Run): number {
  const pid = firstChild(run.child.pid!);
  if (pid === undefined) throw new Error('the namespace has no PID 1');
  return pid;
}

/** Resolves with the exit, or with null when the process is still running after `ms`. */
function exitWithin(run: Run, ms: number): Promise<Exit | null> {
  return Promise.race([run.exited, sleep(ms).then(() => null)]);
}

describe.skipIf(!canUnshare)('PID 1 and SIGTERM (run in a new PID namespace, as in a container)', () => {
  it('node is PID 1 in exec form and sees itself as pid 1', async () => {
    const run = start(['node', 'server.mjs']);
    await listening(run);
    expect(run.logs[0]).toMatchObject({ msg: 'listening', pid: 1 });
    expect(commandOf(pid1Of(run))).toBe('node server.mjs');
  });

  it('exec form with a handler: SIGTERM reaches node, the handler runs, the container exits 0', async () => {
    const run = start(['node', 'server.mjs']);
    await listening(run);
    process.kill(pid1Of(run), 'SIGTERM');
    const exit = await exitWithin(run, REACTION_MS);
    expect(exit).not.toBeNull();
    expect(containerStatus(exit!)).toBe(0);
    expect(messages(run)).toEqual(['listening', 'SIGTERM received: closing', 'closed: exit 0']);
  });

  it('PID 1 without a handler: SIGTERM is ignored, so only SIGKILL (exit 137) ends it', async () => {
    const run = start(['node', 'no-handler.mjs']);
    await listening(run);
    const pid1 = pid1Of(run);
    process.kill(pid1, 'SIGTERM');
    expect(await exitWithin(run, REACTION_MS)).toBeNull();
    expect(isRunning(pid1)).toBe(true);
    process.kill(pid1, 'SIGKILL');
    await expect.poll(() => isRunning(pid1)).toBe(false);
  });

  it('the same program when it is not PID 1: the default action ends it (exit 143)', async () => {
    const run = start(['node', 'no-handler.mjs'], { asPid1: false });
    await listening(run);
    run.child.kill('SIGTERM');
    const exit = await exitWithin(run, REACTION_MS);
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(containerStatus(exit!)).toBe(143);
  });

  it('shell form: sh is PID 1, ignores SIGTERM and never passes it on, so the handler never runs', async () => {
    // What `CMD node server.mjs` runs: /bin/sh -c "node server.mjs".
    const run = start(['/bin/sh', '-c', 'node server.mjs']);
    await listening(run);
    const pid1 = pid1Of(run);
    expect(commandOf(pid1)).toBe('/bin/sh -c node server.mjs');
    // node is the shell's child: pid 2 inside the namespace.
    expect(run.logs[0]).toMatchObject({ msg: 'listening', pid: 2 });
    process.kill(pid1, 'SIGTERM');
    expect(await exitWithin(run, REACTION_MS)).toBeNull();
    expect(messages(run)).toEqual(['listening']);
  });

  it('a shell script that ends with exec hands PID 1 over to node, and the handler runs', async () => {
    const run = start(['/bin/sh', '-c', 'exec node server.mjs']);
    await listening(run);
    expect(run.logs[0]).toMatchObject({ pid: 1 });
    process.kill(pid1Of(run), 'SIGTERM');
    const exit = await exitWithin(run, REACTION_MS);
    expect(exit && containerStatus(exit)).toBe(0);
    expect(messages(run)).toContain('SIGTERM received: closing');
  });

  it('npm start: npm signals its shell, not node; node is killed without running its handler', async () => {
    const run = start(['npm', 'start']);
    await listening(run);
    const pid1 = pid1Of(run);
    // npm (PID 1) → sh -c "node server.mjs" → node
    const tree = descendants(pid1);
    const node = tree.find((pid) => commandOf(pid) === 'node server.mjs');
    expect(node).toBeDefined();
    expect(tree.map(commandOf)).toContain('sh -c node server.mjs');

    process.kill(pid1, 'SIGTERM');
    const exit = await exitWithin(run, 5000);
    // npm reports the script as failed and exits 1; when PID 1 exits, the kernel kills
    // everything left in the namespace with SIGKILL, node included.
    expect(exit && containerStatus(exit)).toBe(1);
    expect(isRunning(node!)).toBe(false);
    expect(messages(run)).toEqual(['listening']);
  });

  it('node as PID 1 never reaps orphans: every exited background job stays behind as a zombie', async () => {
    const run = start(['node', 'orphans.mjs']);
    await listening(run);
    const port = run.logs[0]!.port;
    for (let i = 0; i < 5; i += 1) await (await fetch(`http://127.0.0.1:${port}/`)).text();
    const pid1 = pid1Of(run);
    // Each request left one `sleep 0.1` orphan, re-parented to node; they all end within 100 ms.
    await expect
      .poll(() => childrenOf(pid1).filter((pid) => stateOf(pid) === 'Z').length, { timeout: 3000 })
      .toBe(5);
    await sleep(500);
    const zombies = childrenOf(pid1).filter((pid) => stateOf(pid) === 'Z');
    expect(zombies).toHaveLength(5);
    expect(zombies.map((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim())).toEqual(Array(5).fill('sleep'));
  });
});
