import { createHash } from 'node:crypto';

/**
 * Headers sent on every response, pages and assets alike.
 * COOP + COEP make pages cross-origin isolated, which WebContainers require (SharedArrayBuffer).
 */
export const BASE_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
];

/** Where the WebContainer runtime is hosted: its boot iframe must be allowed to load. */
const WEBCONTAINER_FRAME_SOURCES = [
  'https://stackblitz.com',
  'https://*.stackblitz.com',
  'https://*.staticblitz.com',
  'https://*.webcontainer-api.io',
  'https://*.webcontainer.io',
];

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script>/gi;
const NON_EXECUTABLE_TYPE = /\btype\s*=\s*["']?(application\/(ld\+)?json|text\/template)/i;

/** sha256 source expressions for every executable inline script in a page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const [, attributes = '', body = ''] = match;
    if (NON_EXECUTABLE_TYPE.test(attributes)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/**
 * A Content-Security-Policy the built pages work under. Scripts are limited to our own files
 * plus the exact inline scripts of the page (hashed at load), so an injected script cannot run.
 * Styles allow inline because Starlight and Expressive Code set style attributes; CSS cannot run code.
 * 'wasm-unsafe-eval' lets Pagefind's search index (WebAssembly) load.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trimEnd(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${WEBCONTAINER_FRAME_SOURCES.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
