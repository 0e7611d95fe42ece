import type { StaticSite } from '../static-site.js';
import type { HarnessBundle, LabBundle } from '../../labs/bundle.js';
import type { LabCatalogue } from './lab-runtime.js';

/**
 * Labs as the build published them for the browser (/labs/<slug>/bundle.json, /labs/harness.json),
 * read from the in-memory site: the server runtime runs exactly the files a WebContainer would.
 */
export function siteCatalogue(site: StaticSite): LabCatalogue {
  const cache = new Map<string, unknown>();
  const read = <T>(urlPath: string): T | undefined => {
    if (!cache.has(urlPath)) {
      const body = site.assets.get(urlPath)?.variants.identity?.body;
      cache.set(urlPath, body ? JSON.parse(body.toString('utf8')) : undefined);
    }
    return cache.get(urlPath) as T | undefined;
  };
  return {
    lab: (slug) => (/^[a-z0-9-]{1,64}$/.test(slug) ? read<LabBundle>(`/labs/${slug}/bundle.json`) : undefined),
    harness: () => read<HarnessBundle>('/labs/harness.json'),
  };
}
