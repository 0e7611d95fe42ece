// Logs 10,001 JSON lines, then calls process.exit() straight away. Don't do this.
// When stdout is a pipe (as in a container, where the runtime collects the logs),
// Node writes to it asynchronously: whatever is still queued is dropped on exit.
const LINES = 10_000;

for (let i = 1; i <= LINES; i += 1) {
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'work done', item: i })}\n`);
}
process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'exiting' })}\n`);
process.exit(0);
