// The same server with no SIGTERM handler at all: Node's default action for the signal applies,
// which is to exit at once. As PID 1 in a container, that default does not exist.
import http from 'node:http';

const server = http.createServer((req, res) => res.end('ok\n'));

server.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(JSON.stringify({ msg: 'listening', pid: process.pid, port: server.address().port }));
});
