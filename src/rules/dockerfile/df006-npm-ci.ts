import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { isNpmProjectInstall, packageCommands } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df006Docs = (): RuleDocs => ({
  rationale: `\`npm install\` treats \`package.json\` as the source of truth: it may resolve newer versions within your ranges and rewrite the lockfile, so two builds of the same commit can install different code. \`npm ci\` installs exactly what \`package-lock.json\` records, starts from an empty \`node_modules\`, and fails loudly when the lockfile and \`package.json\` disagree, which is what a reproducible image needs.

\`npm install -g some-tool\` (installing a named package) is a different operation and is not flagged; pin its version.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\n', 'FROM node:22.23.3-slim\nRUN npm i --omit=dev\n'],
  },
});

export const df006: RuleCheck = {
  id: 'DF006',
  title: 'Dependencies are installed with npm ci, not npm install',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    for (const instruction of dockerfile?.instructions ?? []) {
      for (const command of packageCommands(instruction)) {
        const subcommand = command.subcommand;
        if (!subcommand || !isNpmProjectInstall(command)) continue;
        const span = instruction.args.span(subcommand.start, subcommand.end);
        violations.push({
          span,
          message: `Use npm ci instead of npm ${subcommand.value}: it installs exactly what package-lock.json records and fails if the lockfile is out of date.`,
          fix: { ...span, text: 'ci' },
        });
      }
    }
    return violations;
  },
};
