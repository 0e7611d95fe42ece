import { composeServices, usesInit } from '../compose/services.js';
import type { RuleCheck, RuleDocs } from '../types.js';
import { commandForm, finalStage, inheritedInstructions } from './document.js';
import { baseName } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const INITS = new Set(['tini', 'dumb-init', 'docker-init']);

export const df016Docs = (): RuleDocs => ({
  rationale: `The first process in a container, PID 1, has two jobs that ordinary programs don't expect. The kernel applies no default signal actions to it, so a SIGTERM it has no handler for is ignored rather than fatal. And orphaned processes are re-parented to it, and it must reap them when they exit, or they stay behind as zombies. Node as PID 1 ignores SIGTERM unless your code handles it, and never reaps orphans it did not start itself.

A tiny init does both: it runs as PID 1, forwards signals to your app and reaps zombies. Docker ships one: \`docker run --init\`, or \`init: true\` in Compose. To make the image self-contained, install \`tini\` and use \`ENTRYPOINT ["tini", "--"]\`. If you rely on \`--init\`, say so in a comment in the Dockerfile (this rule accepts a comment that mentions \`--init\` or \`init: true\`, or a Compose file next to it with \`init: true\`). Your app still needs its own SIGTERM handler for a graceful shutdown; the init only delivers the signal.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE.replace(
        /^# Run with .*\n/m,
        'ENTRYPOINT ["tini", "--"]\n',
      ).replace('ENV NODE_ENV=production', 'RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nENV NODE_ENV=production'),
    ],
    bad: ['FROM node:22.23.3-slim\nUSER node\nCMD ["node", "server.js"]\n'],
  },
});

export const df016: RuleCheck = {
  id: 'DF016',
  title: 'An init process runs as PID 1 (tini, or docker run --init)',
  severity: 'info',
  appliesTo: 'dockerfile',
  check({ dockerfile, compose }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!dockerfile || !last) return [];
    const instructions = inheritedInstructions(last);
    const lastOf = (keyword: string) => instructions.filter((instruction) => instruction.keyword === keyword).pop();
    // What runs as PID 1: the entrypoint if there is one, else the command.
    const entry = lastOf('ENTRYPOINT') ?? lastOf('CMD');
    const form = entry && commandForm(entry.args.text);
    const first = form?.form === 'exec' ? form.argv[0] : entry?.args.text.trim().split(/\s+/)[0];
    if (INITS.has(baseName(first ?? ''))) return [];
    if (dockerfile.comments.some((comment) => /--init\b|\binit:\s*true\b/.test(comment.text))) return [];
    if (compose && composeServices(compose).some(usesInit)) return [];
    return [
      {
        span: last.from.span,
        message: 'Nothing runs as an init for PID 1: run the container with --init (Compose: init: true) and say so in a comment here, or install tini and use ENTRYPOINT ["tini", "--"].',
      },
    ];
  },
};
