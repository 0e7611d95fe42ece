// Smoke test of the built server: npm test builds it first.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

test('answers liveness and readiness', async (t) => {
  const app = spawn(process.execPath, ['dist/server.js'], {
    env: { ...process.env, PORT: '3999', SHUTDOWN_DRAIN_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => app.kill());
  await once(app.stdout, 'data');

  for (const path of ['/health', '/health/ready']) {
    const response = await fetch(`http://127.0.0.1:3999${path}`);
    assert.equal(response.status, 200, path);
  }
});
