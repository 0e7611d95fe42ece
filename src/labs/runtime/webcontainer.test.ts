import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { FileSystemTree } from '@webcontainer/api';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_LAB } from '../../../tests/server/lab-fixture.js';
import type { HarnessEvent } from './types.js';
import { createWebContainerRuntime, type WebContainerLike } from './webcontainer.js';

/**
 * WebContainers cannot boot on machines without access to StackBlitz, so the adapter is driven
 * here by a stand-in with the same surface (mount, spawn, fs.writeFile) that runs the real
 * supervisor as a local process. This proves what the adapter does (the files it mounts, the
 * command line, the JSON lines in and out); it says nothing about WebContainers themselves.
 */

async function writeTree(root: string, tree: FileSystemTree): Promise<void> {
  for (const [name, node] of Object.entries(tree)) {
    const target = path.join(root, name);
    if ('directory' in node) {
      await mkdir(target, { recursive: true });
      await writeTree(target, node.directory);
    } else if ('file' in node && 'contents' in node.file) {
      await writeFile(target, node.file.contents);
    }
  }
}

function localContainer(root: string): WebContainerLike & { spawned: string[][] } {
  const spawned: string[][] = [];
  return {
    spawned,
    mount: async (tree) => writeTree(root, tree as FileSystemTree),
    fs: { writeFile: async (file: string, content: string | Uint8Array) => writeFile(path.join(root, file), content) },
    spawn: (async (command: string, args: string[]) => {
      spawned.push([command, ...args]);
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      // A WebContainer process has one output stream for stdout and stderr, as a terminal does.
      const output = new ReadableStream<string>({
        start(controller) {
          let open = 2;
          for (const stream of [child.stdout!, child.stderr!]) {
            stream.setEncoding('utf8');
            stream.on('data', (chunk: string) => controller.enqueue(chunk));
            stream.on('end', () => --open === 0 && controller.close());
          }
        },
      });
      return {
        input: Writable.toWeb(child.stdin!) as unknown as WritableStream<string>,
        output,
        exit: new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1))),
        kill: () => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // Already gone.
          }
        },
        resize: () => {},
      };
    }) as WebContainerLike['spawn'],
  };
}

async function harnessFiles(): Promise<Record<string, string>> {
  const dir = path.resolve('labs/harness');
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.mjs'))) files[name] = await readFile(path.join(dir, name), 'utf8');
  return files;
}

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe('the WebContainer runtime adapter', () => {
  it('mounts the harness and the lab, starts the supervisor, and moves commands and events as JSON lines', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'shipshape-wc-'));
    roots.push(root);
    const container = localContainer(root);
    const runtime = await createWebContainerRuntime(container, TEST_LAB, { files: await harnessFiles() }, TEST_LAB.starter);

    expect(runtime.kind).toBe('webcontainer');
    expect(container.spawned[0]).toEqual(['node', '.harness/supervisor.mjs', '--entry', 'server.mjs', '--port', '3000', '--cwd', 'app', '--host', '127.0.0.1']);
    expect(await readFile(path.join(root, 'app/server.mjs'), 'utf8')).toBe(TEST_LAB.starter['server.mjs']);

    const events: HarnessEvent[] = [];
    runtime.onEvent((event) => events.push(event));
    await runtime.writeFile('notes.txt', 'edited in the browser');
    expect(await readFile(path.join(root, 'app/notes.txt'), 'utf8')).toBe('edited in the browser');

    await runtime.send({ type: 'start' });
    await expect.poll(() => events.some((event) => event.type === 'log' && event.line.startsWith('listening on')), { timeout: 10_000 }).toBe(true);
    await runtime.send({ type: 'sigterm' });
    await expect.poll(() => events.find((event) => event.type === 'exit'), { timeout: 10_000 }).toMatchObject({ signal: 'SIGTERM' });

    const closed = new Promise<string>((resolve) => runtime.onClose(resolve));
    await runtime.dispose();
    expect(await closed).toContain('the lab harness stopped');
  });
});
