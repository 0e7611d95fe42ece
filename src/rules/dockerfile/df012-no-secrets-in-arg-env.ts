import { isSecretName, isVariableReference, secretValueKind } from '../secrets.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { assignments } from './document.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df012Docs = (): RuleDocs => ({
  rationale: `Anything set with \`ENV\` is stored in the image's configuration, and \`ARG\` values used by a \`RUN\` are recorded in the image history: anyone who can pull the image can read them with \`docker history\` or \`docker inspect\`, long after the token was meant to be temporary. Deleting the variable in a later step does not remove it from earlier layers.

For a build-time secret, such as an npm token for a private registry, use a secret mount. It exists only while that one \`RUN\` executes and is never written to a layer:

\`\`\`dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
\`\`\`

and build with \`docker build --secret id=npmrc,src=$HOME/.npmrc .\`. Runtime secrets (database passwords, API keys) belong to the environment the container is started with (Compose \`secrets:\`, Kubernetes Secrets), not to the image.

Names are checked like BuildKit's \`SecretsUsedInArgOrEnv\` (\`…_TOKEN\`, \`…_PASSWORD\`, \`API_KEY\`, and so on, unless the name says \`PUBLIC\`, \`FILE\` or \`VERSION\`), and values are checked for the shapes of real credentials: AWS keys, GitHub and npm tokens, JWTs, private keys, URLs with a password.`,
  anchors: ['BuildKit SecretsUsedInArgOrEnv', 'Trivy DS-0031'],
  examples: {
    good: [
      GOOD_DOCKERFILE.replaceAll('--mount=type=cache,target=/root/.npm npm ci', '--mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci'),
    ],
    bad: [
      'FROM node:22.23.3-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
      'FROM node:22.23.3-slim\nENV DATABASE_PASSWORD=hunter2\n',
      'FROM node:22.23.3-slim\nENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app\n',
    ],
  },
});

export const df012: RuleCheck = {
  id: 'DF012',
  title: 'No secrets in ARG or ENV',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    for (const instruction of dockerfile?.instructions ?? []) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const { name, value, nameSpan, valueSpan } of assignments(instruction)) {
        if (isSecretName(name)) {
          violations.push({
            span: nameSpan,
            message: `${instruction.keyword} ${name} is stored in the image (${instruction.keyword === 'ENV' ? 'its config' : 'its build history'}), readable by anyone who pulls it: pass build secrets with RUN --mount=type=secret,id=… and runtime secrets when the container starts.`,
          });
          continue;
        }
        const kind = value && !isVariableReference(value) ? secretValueKind(value) : undefined;
        if (kind) {
          violations.push({
            span: valueSpan ?? nameSpan,
            message: `The value of ${name} looks like ${kind}, and ${instruction.keyword} values are stored in the image: remove it, rotate the credential, and pass it at run time or with RUN --mount=type=secret.`,
          });
        }
      }
    }
    return violations;
  },
};
