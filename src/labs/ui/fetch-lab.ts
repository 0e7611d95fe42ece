/**
 * What a lab page fetches: the lab's bundle, the harness (only to mount it in a WebContainer)
 * and the runtime configuration the site server publishes.
 */
import type { HarnessBundle, LabBundle } from '../bundle.js';
import type { RuntimeConfig } from '../runtime/types.js';
import { isRecord } from './browser-store.js';

type Fetch = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

/** Fetches JSON; fails with a sentence a learner can act on. */
export async function fetchJson(url: string, fetchImpl: Fetch = fetch): Promise<unknown> {
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await fetchImpl(url);
  } catch {
    throw new Error('the network request failed (are you offline?)');
  }
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error('the server sent something that is not JSON');
  }
}

export async function fetchLabBundle(slug: string, fetchImpl?: Fetch): Promise<LabBundle> {
  const value = await fetchJson(`/labs/${encodeURIComponent(slug)}/bundle.json`, fetchImpl);
  if (!isRecord(value) || !isRecord(value.manifest) || !isRecord(value.starter) || !isRecord(value.solution)) {
    throw new Error('the lab bundle is not in the expected shape');
  }
  return value as unknown as LabBundle;
}

export async function fetchHarnessBundle(fetchImpl?: Fetch): Promise<HarnessBundle> {
  const value = await fetchJson('/labs/harness.json', fetchImpl);
  if (!isRecord(value) || !isRecord(value.files)) throw new Error('the harness bundle is not in the expected shape');
  return value as unknown as HarnessBundle;
}

/**
 * Without a site server (a static host, `astro preview`) there is no /runtime-config.json, and
 * no server runtime either: WebContainers are then the only option.
 */
export const STATIC_HOSTING_CONFIG: RuntimeConfig = { labRuntime: 'webcontainer', webcontainerClientId: null };

export async function fetchRuntimeConfig(fetchImpl?: Fetch): Promise<RuntimeConfig> {
  const value = await fetchJson('/runtime-config.json', fetchImpl).catch(() => null);
  if (!isRecord(value)) return STATIC_HOSTING_CONFIG;
  return {
    labRuntime: value.labRuntime === 'server' ? 'server' : 'webcontainer',
    webcontainerClientId: typeof value.webcontainerClientId === 'string' && value.webcontainerClientId !== '' ? value.webcontainerClientId : null,
  };
}
