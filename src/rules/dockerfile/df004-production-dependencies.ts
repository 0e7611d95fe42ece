import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { finalStage } from './document.js';
import { dependencyOrigin, dependencyScope } from './dependency-origin.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df004Docs = (): RuleDocs => ({
  rationale: `devDependencies (TypeScript, test runners, bundlers, linters) are needed to build, never to run. Shipped in the final image they often double its size and add hundreds of packages whose vulnerabilities you now have to triage, and the code you run was never meant to include them.

Install production dependencies with \`npm ci --omit=dev\`, usually in a \`deps\` stage whose \`node_modules\` the final stage copies; or install everything in the build stage and \`npm prune --omit=dev\` after compiling. \`NODE_ENV=production\` in the environment has the same effect on npm. The older \`--production\` and \`--only=prod\` flags still work, but npm has deprecated them in favour of \`--omit=dev\` and warns about them.

The rule follows the final stage's \`node_modules\` back through \`COPY --from\` to the command that created it.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: [
      'FROM node:22.23.3-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n\nFROM node:22.23.3-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\n',
      'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22.23.3-slim\nCOPY --from=build /app ./\n',
      'FROM node:22.23.3-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --production\n',
    ],
  },
});

export const df004: RuleCheck = {
  id: 'DF004',
  title: 'The final image gets production dependencies only (npm ci --omit=dev)',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    const origin = last && dependencyOrigin(last, dockerfile.stages);
    if (!origin) return [];
    const scope = dependencyScope(origin);
    if (scope.scope === 'production') return [];
    const { run, command } = origin;
    const first = command.words[0];
    const lastWord = command.words[command.words.length - 1];
    const span = first && lastWord ? run.args.span(first.start, lastWord.end) : run.span;
    const via = origin.copy ? ` (the final stage copies it on line ${origin.copy.span.line})` : '';
    const violations: Violation[] = [];
    if (scope.scope === 'deprecated-flag') {
      violations.push({
        span: run.args.span(scope.word.start, scope.word.end),
        message: `npm has deprecated ${scope.word.value}: write --omit=dev.`,
        fix: { ...run.args.span(scope.word.start, scope.word.end), text: '--omit=dev' },
      });
    } else {
      const subcommand = command.subcommand;
      const violation: Violation = {
        span,
        message: `This install includes devDependencies, and its node_modules is what the final image runs with${via}: use npm ci --omit=dev here, or run npm prune --omit=dev after the build.`,
      };
      if (command.program === 'npm' && subcommand) {
        const at = run.args.span(subcommand.end, subcommand.end);
        violation.fix = { ...at, text: ' --omit=dev' };
      }
      violations.push(violation);
    }
    return violations;
  },
};
