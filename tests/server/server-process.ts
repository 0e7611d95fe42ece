import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/node-bundle.mjs';
import { freePort } from '../../src/labs/free-port.js';
import { publishLabs } from './lab-fixture.js';

/**
 * Runs the real server entry as a child process against a small fixture site, the way production
 * runs it (`node dist/server/main.js` with the site in ../site), without needing the Astro build.
 */

export const FIXTURE_PAGE = `<!doctype html><html lang="en"><head><title>Fixture</title>
<script>document.documentElement.dataset.theme = 'dark';</script>
<script type="module" src="/_astro/app.Ab12Cd34.js"></script></head>
<body><main><h1>Fixture lesson</h1>${'<p>Containers are processes.</p>'.repeat(200)}</main></body></html>`;
export const FIXTURE_ASSET = `console.log(${JSON.stringify('x'.repeat(2000))});`;

export async function buildServerFixture(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'shipshape-server-'));
  await build({
    entryPoints: [path.resolve('src/server/main.ts')],
    outfile: path.join(root, 'server/main.js'),
    ...NODE_BUNDLE,
    logLevel: 'error',
  });
  // ESM resolves bare imports from the file's own folder upwards, so link the project's modules.
  await writeFile(path.join(root, 'package.json'), '{"type":"module"}');
  await symlink(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');

  const site = path.join(root, 'site');
  const files: Record<string, string> = {
    'index.html': FIXTURE_PAGE,
    'lessons/one/index.html': FIXTURE_PAGE.replace('Fixture lesson', 'Lesson one'),
    '404.html': '<!doctype html><title>Not found</title><h1>Not part of the course</h1>',
    '_astro/app.Ab12Cd34.js': FIXTURE_ASSET,
  };
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(site, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    await writeFile(`${file}.br`, brotliCompressSync(body));
    await writeFile(`${file}.gz`, gzipSync(body));
  }
  await publishLabs(site);
  // A file outside the site that traversal attempts aim at.
  await writeFile(path.join(root, 'secret.txt'), 'TOP-SECRET');
  return root;
}


export interface LogLine {
  msg?: string;
  level?: string;
  reqId?: string;
  [key: string]: unknown;
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  url: string;
  logs: LogLine[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stop: () => Promise<void>;
}

export async function startServer(root: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'server/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const parsed = JSON.parse(line) as LogLine;
          logs.push(parsed);
          if (parsed.msg?.startsWith('listening on')) resolve();
        } catch {
          logs.push({ msg: line });
        }
      }
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
    setTimeout(() => reject(new Error('server did not start within 10 s')), 10_000).unref();
  });
  await listening;
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
