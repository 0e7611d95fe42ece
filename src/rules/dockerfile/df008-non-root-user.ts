import type { RuleCheck, RuleDocs } from '../types.js';
import { finalStage, inheritedInstructions } from './document.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df008Docs = (): RuleDocs => ({
  rationale: `Without a \`USER\`, the process runs as root (uid 0) inside the container. Containers share the host's kernel, so a bug in the app plus a container escape, or a mounted host directory, turns an app compromise into root on the host; even without an escape, root can rewrite the app's own files.

End the final stage with a non-root \`USER\`. The official Node images include a \`node\` user (uid 1000); a numeric uid such as \`USER 1001\` works everywhere, and Kubernetes' \`runAsNonRoot\` can only verify a numeric one. Do root-only work (installing packages, \`chown\`) before the \`USER\` line, and prefer \`COPY --chown\` to a separate \`chown\` layer.

hadolint only checks that the last \`USER\` is not root, and accepts a Dockerfile with no \`USER\` at all; this rule does not.`,
  anchors: ['hadolint DL3002', 'Trivy DS-0002'],
  examples: {
    good: [
      GOOD_DOCKERFILE.replace('USER node', 'USER 1001'),
    ],
    bad: ['FROM node:22.23.3-slim\nCMD ["node", "server.js"]\n', 'FROM node:22.23.3-slim\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "server.js"]\n', 'FROM node:22.23.3-slim\nUSER 0:0\n'],
  },
});

export const df008: RuleCheck = {
  id: 'DF008',
  title: 'The final stage runs as a non-root user',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return [];
    const users = inheritedInstructions(last).filter((instruction) => instruction.keyword === 'USER');
    const lastUser = users[users.length - 1];
    if (!lastUser) {
      return [{ span: last.from.span, message: 'The final stage never sets USER, so the app runs as root: add USER node (the official Node images have it) or a numeric uid such as USER 1001 after the root-only steps.' }];
    }
    const user = lastUser.args.text.trim().split(':')[0] ?? '';
    if (user === 'root' || user === '0') {
      return [{ span: lastUser.span, message: `The last USER is ${user}, so the app runs as root: switch to a non-root user (USER node, or USER 1001) after the root-only steps.` }];
    }
    return [];
  },
};
