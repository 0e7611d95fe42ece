// The same 10,001 lines, but the process ends on its own: it sets the exit code and
// lets the event loop empty, and Node exits only after stdout has taken every line.
const LINES = 10_000;

for (let i = 1; i <= LINES; i += 1) {
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'work done', item: i })}\n`);
}
process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'exiting' })}\n`);
process.exitCode = 0;
