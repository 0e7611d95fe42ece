import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, isCompressible } from './content-types.js';
import { BASE_SECURITY_HEADERS, contentSecurityPolicy, inlineScriptHashes } from './security-headers.js';

/**
 * The built site, held in memory. The site is a few megabytes, so every file and its brotli and
 * gzip variants (precompressed at build time) are read once at start; a request is then a map
 * lookup and one write of a ready buffer with ready headers. It also means no request can reach
 * the file system, so no path, encoded or not, can escape the build folder.
 */

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Variant {
  body: Buffer;
  /** Flat [name, value, name, value, …] list for `writeHead`, without per-request headers. */
  headers: string[];
  /** The same headers for a 304, which carries no body and so no Content-Length. */
  notModifiedHeaders: string[];
}

export interface Asset {
  etag: string;
  variants: Partial<Record<Encoding, Variant>>;
}

export interface StaticSite {
  root: string;
  /** Keyed by URL path: `/`, `/lessons/base-images/`, `/_astro/x.css`. */
  assets: Map<string, Asset>;
  notFound: Asset | undefined;
  bytes: number;
}

const HASHED_ASSET_DIR = '/_astro/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.endsWith('.br') && !file.endsWith('.gz'));
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith(HASHED_ASSET_DIR) ? IMMUTABLE : REVALIDATE;
}

function urlPathFor(relativeFile: string): string {
  const posix = '/' + relativeFile.split(path.sep).join('/');
  return posix.endsWith('/index.html') ? posix.slice(0, -'index.html'.length) : posix;
}

async function loadAsset(file: string, urlPath: string): Promise<Asset> {
  const extension = path.extname(file).toLowerCase();
  const body = await readFile(file);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const common = [
    'Content-Type', contentTypeFor(extension),
    'Cache-Control', cacheControlFor(urlPath),
    'ETag', etag,
    ...BASE_SECURITY_HEADERS.flat(),
  ];
  if (extension === '.html') {
    common.push('Content-Security-Policy', contentSecurityPolicy(inlineScriptHashes(body.toString('utf8'))));
  }
  const compressible = isCompressible(extension);
  if (compressible) common.push('Vary', 'Accept-Encoding');

  const variant = (data: Buffer, encoding: Encoding): Variant => {
    const withEncoding = encoding === 'identity' ? common : [...common, 'Content-Encoding', encoding];
    return {
      body: data,
      headers: [...withEncoding, 'Content-Length', String(data.length)],
      notModifiedHeaders: withEncoding,
    };
  };

  const variants: Asset['variants'] = { identity: variant(body, 'identity') };
  if (compressible) {
    const [br, gzip] = await Promise.all([readIfPresent(`${file}.br`), readIfPresent(`${file}.gz`)]);
    if (br) variants.br = variant(br, 'br');
    if (gzip) variants.gzip = variant(gzip, 'gzip');
  }
  return { etag, variants };
}

export async function loadStaticSite(root: string): Promise<StaticSite> {
  const files = await listFiles(root);
  const assets = new Map<string, Asset>();
  let bytes = 0;
  for (const file of files) {
    const urlPath = urlPathFor(path.relative(root, file));
    const asset = await loadAsset(file, urlPath);
    for (const variant of Object.values(asset.variants)) bytes += variant.body.length;
    assets.set(urlPath, asset);
  }
  return { root, assets, notFound: assets.get('/404.html'), bytes };
}

/** Picks the smallest encoding the client accepts (a q=0 entry refuses it). */
export function chooseEncoding(asset: Asset, acceptEncoding: string | undefined): Variant {
  const identity = asset.variants.identity!;
  if (!acceptEncoding) return identity;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (!refused) accepted.add(token.trim());
  }
  if (asset.variants.br && (accepted.has('br') || accepted.has('*'))) return asset.variants.br;
  if (asset.variants.gzip && (accepted.has('gzip') || accepted.has('*'))) return asset.variants.gzip;
  return identity;
}
