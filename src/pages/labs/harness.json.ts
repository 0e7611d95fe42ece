import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import type { HarnessBundle } from '../../labs/bundle.js';

/** The harness as runtimes mount it: its top-level .mjs files only, not its tests or fixtures. */
export const GET: APIRoute = async () => {
  const dir = path.resolve('labs/harness');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.mjs') && !name.endsWith('.test.mjs')).sort();
  const files: HarnessBundle['files'] = {};
  for (const name of names) files[name] = await readFile(path.join(dir, name), 'utf8');
  return new Response(JSON.stringify({ files } satisfies HarnessBundle), { headers: { 'Content-Type': 'application/json' } });
};
