// The container's health probe: HEALTHCHECK CMD ["node", "src/healthcheck.mjs"]
// Docker reads nothing but the exit code: 0 is healthy, 1 is unhealthy.
import http from 'node:http';

const port = process.env.PORT ?? 3000;

// 127.0.0.1, not localhost: no doubt about IPv4 or IPv6.
// Give up after 2 s, well before the HEALTHCHECK --timeout.
const options = { host: '127.0.0.1', port, path: '/health', timeout: 2000 };
const req = http.get(options, (res) => {
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
req.on('error', () => process.exit(1));
