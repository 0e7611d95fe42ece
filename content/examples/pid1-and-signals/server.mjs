// A tiny HTTP server that shuts down cleanly on SIGTERM, if the signal ever reaches it.
// Node built-ins only.
import http from 'node:http';

function log(msg, fields = {}) {
  console.log(JSON.stringify({ msg, pid: process.pid, ...fields }));
}

const server = http.createServer((req, res) => res.end('ok\n'));

process.on('SIGTERM', () => {
  log('SIGTERM received: closing');
  server.close(() => {
    log('closed: exit 0');
    // No process.exit(): once nothing is left to do, Node exits by itself with this code.
    process.exitCode = 0;
  });
  server.closeIdleConnections();
});

server.listen(Number(process.env.PORT ?? 3000), () => log('listening', { port: server.address().port }));
