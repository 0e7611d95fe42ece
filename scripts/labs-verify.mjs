// `npm run labs:verify [slug…] [--repeat <n>]`: every lab's starter must fail exactly the checks
// its manifest names and its solution must pass them all, through real processes
// (src/labs/verify/). The verifier is TypeScript, so it is bundled with esbuild into a
// temporary folder first and imported from there.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = await mkdtemp(path.join(tmpdir(), 'shipshape-labs-verify-'));
try {
  // Packages stay external, as in the release build; the link lets the bundle resolve them.
  await symlink(path.join(root, 'node_modules'), path.join(bundleDir, 'node_modules'), 'dir');
  const outfile = path.join(bundleDir, 'labs-verify.mjs');
  await build({
    entryPoints: [path.join(root, 'src/labs/verify/main.ts')],
    outfile,
    ...NODE_BUNDLE,
    logLevel: 'warning',
  });
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = await main(process.argv.slice(2), {
    labsDir: path.join(root, 'labs'),
    stdout: process.stdout,
    stderr: process.stderr,
  });
} finally {
  await rm(bundleDir, { recursive: true, force: true });
}
