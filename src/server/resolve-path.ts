import type { Asset, StaticSite } from './static-site.js';

export type Resolution =
  | { kind: 'asset'; asset: Asset }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; reason: string };

/**
 * Maps a request target to a file of the build. Percent-decoding happens once, here; a target
 * that decodes to a dot segment, a backslash or a NUL byte is refused outright rather than
 * normalised, because a client that sends one is probing, not browsing.
 */
export function resolvePath(site: StaticSite, target: string): Resolution {
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? '' : target.slice(queryStart);
  if (!rawPath.startsWith('/')) return { kind: 'bad-request', reason: 'path must start with /' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request', reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request', reason: 'forbidden character' };
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { kind: 'bad-request', reason: 'dot segment' };
  }
  if (decoded.includes('//')) return { kind: 'not-found' };

  const asset = site.assets.get(decoded);
  if (asset) return { kind: 'asset', asset };
  if (!decoded.endsWith('/') && site.assets.has(`${decoded}/`)) {
    return { kind: 'redirect', location: `${encodeURI(decoded)}/${query}` };
  }
  return { kind: 'not-found' };
}
