import type { RuleCheck, RuleDocs } from '../types.js';
import { commandForm, finalStage, inheritedInstructions, type DockerInstruction } from './document.js';
import { baseName } from './node-project.js';
import { programIndex, splitShellCommands } from './shell-words.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const INITS = new Set(['tini', 'dumb-init', 'docker-init']);
const WRAPPERS = new Set(['npm', 'yarn', 'pnpm', 'npx', 'nodemon', 'ts-node']);

/** The words an instruction runs: its JSON array, or its first shell command. */
function argv(instruction: DockerInstruction): string[] {
  const form = commandForm(instruction.args.text);
  if (form.form === 'exec') return form.argv;
  const first = splitShellCommands(instruction.args.text)[0] ?? [];
  return first.slice(programIndex(first)).map((word) => word.value);
}

/** The program that ends up as the app process, past an init such as tini and its flags. */
function appProgram(entrypoint: string[], cmd: string[]): string | undefined {
  let words = [...entrypoint, ...cmd];
  if (INITS.has(baseName(words[0] ?? ''))) {
    words = words.slice(1);
    // Skip the init's own flags, up to and including `--`.
    while (words[0]?.startsWith('-')) {
      const flag = words.shift();
      if (flag === '--') break;
    }
  }
  if (baseName(words[0] ?? '') === 'docker-entrypoint.sh') words = words.slice(1);
  return words[0] === undefined ? undefined : baseName(words[0]);
}

export const df010Docs = (): RuleDocs => ({
  rationale: `\`CMD ["npm", "start"]\` makes npm the main process and your app its grandchild: npm runs the start script through \`sh -c\`. On \`docker stop\`, SIGTERM goes to npm, npm passes it to that shell, and the shell does not pass it to Node: your shutdown handler never runs. npm then reports the script as failed and exits, and when the container's main process exits the kernel kills Node outright, in-flight requests included. npm also costs startup time and memory and adds its own lines to your logs.

Start the app the way \`npm start\` would, but directly: \`CMD ["node", "dist/server.js"]\`. The same applies to yarn, pnpm, npx, and development tools such as nodemon and ts-node, which have no place in a production image. When the final stage has no \`CMD\` at all, the official Node image's default starts an interactive REPL.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nCMD ["npm", "start"]\n', 'FROM node:22.23.3-slim\nENTRYPOINT ["tini", "--"]\nCMD ["yarn", "start"]\n', 'FROM node:22.23.3-slim\nWORKDIR /app\n'],
  },
});

export const df010: RuleCheck = {
  id: 'DF010',
  title: 'The container starts node directly, not through npm, yarn or pnpm',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return [];
    const instructions = inheritedInstructions(last);
    const cmd = instructions.filter((instruction) => instruction.keyword === 'CMD').pop();
    const entrypoint = instructions.filter((instruction) => instruction.keyword === 'ENTRYPOINT').pop();
    if (!cmd && !entrypoint) {
      return [{ span: last.from.span, message: 'The final stage has no CMD, so the base image decides what runs (for node images, a REPL): add CMD ["node", "dist/server.js"] with your entry file.' }];
    }
    const program = appProgram(entrypoint ? argv(entrypoint) : [], cmd ? argv(cmd) : []);
    if (!program || !WRAPPERS.has(program)) return [];
    const at = (cmd ?? entrypoint) as DockerInstruction;
    return [
      {
        span: at.args.span(0, at.args.text.length),
        message: `${program} becomes the main process and your app a child of it, so SIGTERM never reaches your app's shutdown handler: start node directly, e.g. CMD ["node", "dist/server.js"].`,
      },
    ];
  },
};
