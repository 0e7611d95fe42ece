import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolvePath } from './resolve-path.js';
import { inlineScriptHashes } from './security-headers.js';
import { chooseEncoding, loadStaticSite, type StaticSite } from './static-site.js';

let site: StaticSite;

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'shipshape-site-'));
  const files: Record<string, string> = {
    'index.html': '<h1>home</h1>',
    'lessons/intro/index.html': '<h1>intro</h1>',
    'lessons/intro/index.html.br': 'br-bytes',
    'lessons/intro/index.html.gz': 'gz-bytes',
    '_astro/a.B1.css': 'body{}',
    'favicon.svg': '<svg/>',
  };
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), body);
  }
  site = await loadStaticSite(root);
});

describe('loadStaticSite', () => {
  it('maps index.html files to their folder URL and keeps compressed files as variants, not pages', () => {
    expect([...site.assets.keys()].sort()).toEqual(['/', '/_astro/a.B1.css', '/favicon.svg', '/lessons/intro/']);
    const intro = site.assets.get('/lessons/intro/')!;
    expect(Object.keys(intro.variants).sort()).toEqual(['br', 'gzip', 'identity']);
  });
});

describe('chooseEncoding', () => {
  const intro = () => site.assets.get('/lessons/intro/')!;
  it.each([
    [undefined, 'identity'],
    ['gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['deflate', 'identity'],
  ])('Accept-Encoding %s gives %s', (header, expected) => {
    const variant = chooseEncoding(intro(), header);
    expect(variant).toBe(intro().variants[expected as 'br' | 'gzip' | 'identity']);
  });
});

describe('resolvePath', () => {
  it('finds pages and assets, and redirects a folder without its slash', () => {
    expect(resolvePath(site, '/lessons/intro/').kind).toBe('asset');
    expect(resolvePath(site, '/lessons/intro?a=b')).toEqual({ kind: 'redirect', location: '/lessons/intro/?a=b' });
    expect(resolvePath(site, '/missing/').kind).toBe('not-found');
  });

  it.each(['/../x', '/a/%2e%2e/x', '/%2E/x', '/a%5cb', '/a%00', '/%E0%A4%A', 'relative'])('refuses %s', (target) => {
    expect(resolvePath(site, target).kind).toBe('bad-request');
  });
});

describe('inlineScriptHashes', () => {
  it('hashes executable inline scripts only', () => {
    const html = '<script>a()</script><script type="module">b()</script><script src="/x.js"></script><script type="application/ld+json">{}</script>';
    const hashes = inlineScriptHashes(html);
    expect(hashes).toHaveLength(2);
    expect(hashes.every((hash) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(hash))).toBe(true);
  });
});
