import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './scripts/chromium.mjs';
import { DEFAULT_RUNTIME_PORT, SERVER_RUNTIME_PORT } from './tests/browser/servers.js';

/**
 * Browser tests run the production server (`node dist/server/main.js`) over the built site in a
 * real Chromium (scripts/chromium.mjs: Debian's by default, CHROMIUM_PATH to choose another).
 */
const port = SERVER_RUNTIME_PORT;
const servers: Array<{ port: number; env: Record<string, string> }> = [
  { port, env: { SHIPSHAPE_LAB_RUNTIME: 'server' } },
  { port: DEFAULT_RUNTIME_PORT, env: {} },
];

export default defineConfig({
  testDir: 'tests/browser',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: servers.map((server) => ({
    command: 'node dist/server/main.js',
    url: `http://127.0.0.1:${server.port}/health/ready`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { PORT: String(server.port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_MS: '0', LOG_LEVEL: 'warn', ...server.env },
  })),
});
