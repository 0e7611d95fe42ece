/**
 * The production servers the browser tests run against (see playwright.config.ts): the main one
 * has the server lab runtime enabled, as an offline classroom would; the second runs with the
 * defaults, so only WebContainers could run labs there.
 */
const base = Number(process.env.BROWSER_TEST_PORT ?? 4391);

export const SERVER_RUNTIME_PORT = base;
export const DEFAULT_RUNTIME_PORT = base + 2;
export const DEFAULT_RUNTIME_URL = `http://127.0.0.1:${DEFAULT_RUNTIME_PORT}`;
