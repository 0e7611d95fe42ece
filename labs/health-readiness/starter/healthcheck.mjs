// The container's health probe: HEALTHCHECK CMD ["node", "healthcheck.mjs"] in the
// Dockerfile. Docker reads nothing but the exit code: 0 is healthy, 1 is unhealthy; what it
// prints shows up in `docker inspect`. It asks the app's liveness endpoint, /health.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);

// 127.0.0.1, not localhost: no doubt about IPv4 or IPv6. Give up well before the
// HEALTHCHECK's --timeout.
const request = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2_000 }, (res) => {
  res.resume();
  if (res.statusCode === 200) return;
  console.error(`unhealthy: GET /health answered ${res.statusCode}`);
  process.exitCode = 1;
});
request.on('timeout', () => request.destroy(new Error('no answer within 2 s')));
request.on('error', (error) => {
  console.error(`unhealthy: GET /health failed: ${error.message}`);
  process.exitCode = 1;
});
