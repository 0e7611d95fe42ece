import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { commandForm, finalStage, inheritedInstructions } from './document.js';
import { toExecForm } from './exec-form.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df009Docs = (): RuleDocs => ({
  rationale: `Written as plain text, \`CMD node server.js\` is the shell form: Docker runs \`/bin/sh -c "node server.js"\`. On the Debian-based Node images \`/bin/sh\` is dash, which stays PID 1 with Node as its child. \`docker stop\` and Kubernetes send SIGTERM to PID 1; the shell does not pass it on, Node never starts its graceful shutdown, and after the grace period everything is killed with SIGKILL mid-request.

Write the JSON array form, \`CMD ["node", "server.js"]\`: Docker executes \`node\` directly as PID 1 and signals reach it. The array must be valid JSON with double quotes; \`CMD ['node', 'server.js']\` is not JSON, so Docker quietly treats it as shell form (BuildKit's \`JSONArgsRecommended\` warns about it). Where you need shell features, put them in a script that ends with \`exec node …\`.`,
  anchors: ['hadolint DL3025', 'BuildKit JSONArgsRecommended'],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nCMD node dist/server.js\n', "FROM node:22.23.3-slim\nCMD ['node', 'dist/server.js']\n", 'FROM node:22.23.3-slim\nENTRYPOINT ["node" "dist/server.js"]\n'],
  },
});

export const df009: RuleCheck = {
  id: 'DF009',
  title: 'CMD and ENTRYPOINT use the exec (JSON) form',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return [];
    const violations: Violation[] = [];
    for (const instruction of inheritedInstructions(last)) {
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      const text = instruction.args.text;
      if (text.trim() === '' || commandForm(text).form !== 'shell') continue;
      const span = instruction.args.span(0, text.length);
      const exec = toExecForm(text);
      const looksLikeJson = text.trim().startsWith('[');
      const violation: Violation = {
        span,
        message: looksLikeJson
          ? `This ${instruction.keyword} is not valid JSON (double quotes, commas between items), so Docker runs it through /bin/sh and signals never reach node${exec ? `: write ${exec}` : ''}.`
          : `Shell form runs ${instruction.keyword === 'CMD' ? 'the command' : 'the entrypoint'} under /bin/sh, which does not pass SIGTERM on to node: write it as a JSON array${exec ? `, ${exec}` : ', and move shell logic into a script that ends with exec node …'}.`,
      };
      if (exec) violation.fix = { ...span, text: exec };
      violations.push(violation);
    }
    return violations;
  },
};
