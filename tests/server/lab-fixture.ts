import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { HarnessBundle, LabBundle } from '../../src/labs/bundle.js';

/**
 * Publishes the real harness and a small test lab into a fixture site the way the build does
 * (/labs/harness.json, /labs/<slug>/bundle.json), so the server runtime runs real processes.
 */

// Prints a line per second and, on request, spawns a grandchild that would outlive a careless kill.
const APP = `
import http from 'node:http';
import { spawn } from 'node:child_process';
const server = http.createServer((req, res) => {
  if (req.url === '/spawn') {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    res.end(String(child.pid));
    return;
  }
  if (req.url === '/flood') {
    res.end('flooding');
    setInterval(() => process.stdout.write('x'.repeat(8192) + '\\n'), 1);
    return;
  }
  res.end('ok');
});
server.listen(Number(process.env.PORT), () => console.log('listening on ' + process.env.PORT + ' env keys: ' + Object.keys(process.env).sort().join(',')));
`;

export const TEST_LAB: LabBundle = {
  manifest: {
    slug: 'test-lab',
    title: 'Test lab',
    summary: 'A lab for the server runtime tests.',
    order: 1,
    lesson: 'lessons/base-images',
    instructions: 'README.md',
    files: { editable: ['server.mjs', 'notes.txt'], readOnly: [] },
    app: { entry: 'server.mjs', port: 3000 },
    checks: [{ id: 'exit', kind: 'exitCode', message: 'm', hint: 'h' }],
    starterFails: ['exit'],
  } as LabBundle['manifest'],
  starter: { 'server.mjs': APP, 'notes.txt': 'notes' },
  solution: { 'notes.txt': 'solved' },
};

export async function publishLabs(siteDir: string): Promise<void> {
  const harnessDir = path.resolve('labs/harness');
  const files: HarnessBundle['files'] = {};
  for (const name of (await readdir(harnessDir)).filter((n) => n.endsWith('.mjs'))) {
    files[name] = await readFile(path.join(harnessDir, name), 'utf8');
  }
  const outputs: Record<string, string> = {
    'labs/harness.json': JSON.stringify({ files }),
    'labs/test-lab/bundle.json': JSON.stringify(TEST_LAB),
  };
  for (const [name, body] of Object.entries(outputs)) {
    const file = path.join(siteDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    await writeFile(`${file}.br`, brotliCompressSync(body));
  }
}
