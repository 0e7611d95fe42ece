import { runCli } from './cli.js';

// The entry of the `shipshape` binary (bundled to dist/cli/main.js).

// A reader that stops early (`shipshape lint | head`) closes the pipe: not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
