import { describe, expect, it } from 'vitest';
import { STATIC_HOSTING_CONFIG, fetchLabBundle, fetchRuntimeConfig } from './fetch-lab.js';

const answer = (status: number, body: unknown) => async () => ({ ok: status < 400, status, json: async () => body });

describe('fetching a lab', () => {
  it('reads the runtime configuration the site server publishes', async () => {
    expect(await fetchRuntimeConfig(answer(200, { labRuntime: 'server', webcontainerClientId: 'wc_1' }))).toEqual({
      labRuntime: 'server',
      webcontainerClientId: 'wc_1',
    });
  });

  it('assumes WebContainers only where there is no site server', async () => {
    expect(await fetchRuntimeConfig(answer(404, null))).toEqual(STATIC_HOSTING_CONFIG);
    expect(await fetchRuntimeConfig(async () => Promise.reject(new TypeError('Failed to fetch')))).toEqual(STATIC_HOSTING_CONFIG);
    expect(await fetchRuntimeConfig(answer(200, { labRuntime: 'everything' }))).toEqual(STATIC_HOSTING_CONFIG);
  });

  it('explains a bundle that cannot be loaded in plain words', async () => {
    await expect(fetchLabBundle('drain', answer(404, null))).rejects.toThrow('the server answered 404');
    await expect(fetchLabBundle('drain', async () => Promise.reject(new TypeError('Failed to fetch')))).rejects.toThrow(
      'the network request failed (are you offline?)',
    );
    await expect(fetchLabBundle('drain', answer(200, { manifest: {} }))).rejects.toThrow('the lab bundle is not in the expected shape');
  });
});
