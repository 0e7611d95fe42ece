// Writes .br and .gz beside every compressible file of the static build, at maximum quality,
// once at build time, so the server never compresses on a request. A variant is kept only when
// it is actually smaller.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|css|js|mjs|json|map|txt|xml|svg|wasm|webmanifest)$/i;
const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs <folder>');
  process.exit(2);
}

let files = 0;
let before = 0;
let afterBrotli = 0;
const entries = await readdir(root, { recursive: true, withFileTypes: true });
for (const entry of entries) {
  if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = await readFile(file);
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (brotli.length < body.length) await writeFile(`${file}.br`, brotli);
  if (gzip.length < body.length) await writeFile(`${file}.gz`, gzip);
  files += 1;
  before += body.length;
  afterBrotli += Math.min(brotli.length, body.length);
}
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} kB -> ${(afterBrotli / 1024).toFixed(0)} kB brotli`);
