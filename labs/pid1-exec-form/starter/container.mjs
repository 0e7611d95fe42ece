// A stand-in for `docker run` and `docker stop`, for this lab (read-only).
//
// It reads the final stage's ENTRYPOINT and CMD from the Dockerfile beside it and starts
// them as Docker does: exec form (a JSON array) runs the program itself, shell form runs
// `/bin/sh -c "<text>"`. When it gets SIGTERM (what `docker stop` sends), it passes the
// signal to the process it started, the one that would be PID 1 in the container, and to
// nothing else. When that process ends, the container has stopped: this exits with the
// status Docker would report (the exit code, or 128 + the signal's number), and the lab
// harness kills whatever is still running, as the kernel does when a container's PID 1
// exits.
//
// What it cannot do is make that process PID 1: see the lab's README.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

function say(message) {
  console.error(`[container] ${message}`);
}

// The instructions of a Dockerfile: comment lines dropped, continuation lines joined.
function readInstructions(text) {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\[ \t]*\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const keyword = line.split(/\s/, 1)[0];
      return { keyword: keyword.toUpperCase(), args: line.slice(keyword.length).trim() };
    });
}

// Exec form is a JSON array of strings; anything else runs under a shell.
function readForm(args) {
  if (args.startsWith('[')) {
    try {
      const argv = JSON.parse(args);
      if (Array.isArray(argv) && argv.every((word) => typeof word === 'string')) return { exec: true, argv };
    } catch {
      // Not JSON: Docker runs it in shell form, and so does this.
    }
  }
  // Docker runs /bin/sh; finding sh on PATH keeps this working where it lives elsewhere.
  return { exec: false, argv: ['sh', '-c', args] };
}

// ENTRYPOINT and CMD of the final stage, combined as Docker combines them. The official node
// image's own ENTRYPOINT, docker-entrypoint.sh, ends in `exec "$@"`: it hands its place to
// your command, so it is left out here.
function containerCommand(dockerfile) {
  const instructions = readInstructions(dockerfile);
  const finalStage = instructions.slice(instructions.findLastIndex((i) => i.keyword === 'FROM') + 1);
  const last = (keyword) => {
    const args = finalStage.findLast((i) => i.keyword === keyword)?.args;
    return args === undefined ? undefined : readForm(args);
  };
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  // A shell-form ENTRYPOINT ignores CMD; an exec-form one takes CMD as its arguments.
  if (entrypoint && !entrypoint.exec) return entrypoint.argv;
  return [...(entrypoint?.argv ?? []), ...(cmd?.argv ?? [])];
}

const command = containerCommand(readFileSync(new URL('./Dockerfile', import.meta.url), 'utf8'));

if (command.length === 0) {
  say('the final stage has no CMD: the node image would start a REPL, not your app');
  process.exitCode = 1;
} else {
  const [program, ...args] = command;
  say(`starting ${JSON.stringify(command)}`);
  const main = spawn(program, args, { stdio: 'inherit' });
  main.once('spawn', () => say(`${program} runs as pid ${main.pid}; in a container it would be PID 1`));

  process.on('SIGTERM', () => {
    say(`docker stop: SIGTERM to ${program} (pid ${main.pid}), and only to it`);
    main.kill('SIGTERM');
  });

  main.on('error', (error) => {
    say(`cannot start ${program}: ${error.message}`);
    process.exitCode = 127;
  });

  main.on('exit', (code, signal) => {
    const status = code ?? 128 + constants.signals[signal];
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    say(`${program} ${how}: the container stopped with exit status ${status}`);
    process.exitCode = status;
  });
}
