// A server that shells out, as apps do (image tools, git, headless browsers). The shell starts
// a background job and exits without waiting for it, so the job is orphaned: the kernel makes
// PID 1 its new parent, and when it ends, only PID 1 can collect its exit status.
import { spawn } from 'node:child_process';
import http from 'node:http';

const server = http.createServer((req, res) => {
  spawn('/bin/sh', ['-c', 'sleep 0.1 &'], { stdio: 'ignore' });
  res.end('ok\n');
});

server.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(JSON.stringify({ msg: 'listening', pid: process.pid, port: server.address().port }));
});
