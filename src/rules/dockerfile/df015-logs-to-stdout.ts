import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { commandForm, finalStage, inheritedInstructions, type DockerInstruction } from './document.js';
import { splitShellCommands } from './shell-words.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const STANDARD_STREAMS = /^(?:&[12]|\/dev\/std(?:out|err)|\/proc\/(?:self|1)\/fd\/[12])$/;

/** The shell script a CMD or ENTRYPOINT runs: its shell form, or the script of `sh -c "…"`. */
function shellScript(instruction: DockerInstruction): string | undefined {
  const form = commandForm(instruction.args.text);
  if (form.form === 'shell') return instruction.args.text;
  if (form.form !== 'exec') return undefined;
  const c = form.argv.indexOf('-c');
  return c > 0 && /(?:^|\/)(?:ba|da)?sh$/.test(form.argv[0] ?? '') ? form.argv[c + 1] : undefined;
}

/** Where the script sends output other than stdout and stderr, if anywhere. */
function redirectionTarget(script: string): string | undefined {
  for (const words of splitShellCommands(script)) {
    for (const [i, word] of words.entries()) {
      const redirect = /^(?:\d|&)?>>?(.*)$/.exec(word.value);
      if (redirect) {
        const target = redirect[1] || words[i + 1]?.value || '';
        if (!STANDARD_STREAMS.test(target)) return target;
      }
      if (word.value === 'tee' && i === 0) return words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
    }
  }
  return undefined;
}

export const df015Docs = (): RuleDocs => ({
  rationale: `Docker and Kubernetes collect whatever a container writes to stdout and stderr: \`docker logs\`, \`kubectl logs\` and every log shipper read from there, and rotation is configured once for the whole host (Kubernetes rotates by default; Docker's json-file driver does when you set \`max-size\`). A log file inside the container is invisible to all of them, grows until the disk fills, and disappears with the container.

Log to stdout (pino and most loggers do by default), with one JSON object per line, and let the platform route it. Don't redirect the \`CMD\` output to a file, and don't declare a \`VOLUME\` for logs.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nCMD ["sh", "-c", "node dist/server.js >> /var/log/app.log 2>&1"]\n', 'FROM node:22.23.3-slim\nVOLUME /app/logs\n'],
  },
});

export const df015: RuleCheck = {
  id: 'DF015',
  title: 'Logs go to stdout and stderr, not to files',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return [];
    const violations: Violation[] = [];
    for (const instruction of inheritedInstructions(last)) {
      if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') {
        const script = shellScript(instruction);
        const target = script === undefined ? undefined : redirectionTarget(script);
        if (target !== undefined) {
          violations.push({
            span: instruction.args.span(0, instruction.args.text.length),
            message: `Output goes to ${target || 'a file'}, where docker logs and kubectl logs cannot see it: log to stdout and let the platform collect it.`,
          });
        }
      } else if (instruction.keyword === 'VOLUME') {
        const form = commandForm(instruction.args.text);
        const paths = form.form === 'exec' ? form.argv : instruction.args.text.split(/\s+/);
        const logPath = paths.find((path) => /(?:^|\/)logs?(?:\/|$)/i.test(path));
        if (logPath) {
          violations.push({ span: instruction.span, message: `A VOLUME for logs (${logPath}) means the app writes log files: log to stdout instead.` });
        }
      }
    }
    return violations;
  },
};
