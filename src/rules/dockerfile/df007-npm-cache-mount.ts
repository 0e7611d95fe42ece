import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { inheritedInstructions, type DockerInstruction } from './document.js';
import { isDependencyInstall, packageCommands } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

/** Whether a RUN mounts a cache where npm keeps its downloads. */
function mountsNpmCache(instruction: DockerInstruction): boolean {
  return instruction.flags.some(({ name, options }) => {
    if (name !== 'mount') return false;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return options.get('type') === 'cache' && /(?:^|\/)\.npm\/?$|npm[-_]?cache/.test(target);
  });
}

export const df007Docs = (): RuleDocs => ({
  rationale: `When the install layer has to be rebuilt (a dependency changed), npm downloads every package again unless its cache survives between builds. A cache mount keeps npm's cache (\`~/.npm\`, which is \`/root/.npm\` for root) on the build machine across builds without putting it in any layer:

\`\`\`dockerfile
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
\`\`\`

The image stays the same size (nothing is written into the layer) and rebuilds only download what changed. If the install runs as another user, point \`target\` at that user's \`~/.npm\`.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n'],
  },
});

export const df007: RuleCheck = {
  id: 'DF007',
  title: 'npm ci uses a BuildKit cache mount for the npm cache',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    for (const stage of dockerfile?.stages ?? []) {
      // Who runs each RUN decides where npm's cache lives, so follow USER through the stage's lineage.
      let user = 'root';
      for (const instruction of inheritedInstructions(stage)) {
        if (instruction.keyword === 'USER') user = instruction.args.text.trim().split(':')[0] ?? '';
        if (instruction.stage !== stage) continue;
        if (!packageCommands(instruction).some((command) => command.program === 'npm' && isDependencyInstall(command))) continue;
        if (mountsNpmCache(instruction)) continue;
        const violation: Violation = {
          span: instruction.keywordSpan,
          message: "Add a cache mount so npm keeps its downloads between builds: RUN --mount=type=cache,target=/root/.npm npm ci … (use the installing user's ~/.npm if it is not root).",
        };
        if (user === 'root' || user === '0') {
          const { endLine, endColumn } = instruction.keywordSpan;
          violation.fix = { line: endLine, column: endColumn, endLine, endColumn, text: ' --mount=type=cache,target=/root/.npm' };
        }
        violations.push(violation);
      }
    }
    return violations;
  },
};
