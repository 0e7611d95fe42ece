import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { finalStage, findStage, flag, inheritedInstructions } from './document.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);

export const df002Docs = (): RuleDocs => ({
  rationale: `Installing dependencies, compiling TypeScript and running the app need different things. With one stage, the compiler, the devDependencies, the sources and the npm cache all ship in the image you run. Split the build: a \`deps\` stage installs production dependencies, a \`build\` stage installs everything and compiles, and the final stage starts from a fresh base and uses \`COPY --from=…\` to take only \`node_modules\` and the compiled output.

Stage names are how \`COPY --from\` refers to stages, so each must be unique. BuildKit lower-cases them and warns about mixed case (\`StageNameCasing\`); \`scratch\` and \`context\` are reserved. \`COPY --from\` should name a stage defined above it: BuildKit also resolves later stages, but the classic builder and other builders do not, and readers expect to follow the file top-down. A stage cannot copy from itself.`,
  anchors: ['hadolint DL3024', 'hadolint DL3022', 'hadolint DL3023', 'Trivy DS-0006', 'Trivy DS-0012', 'BuildKit DuplicateStageName', 'BuildKit StageNameCasing', 'BuildKit ReservedStageName'],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: [
      'FROM node:22.23.3-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n',
      'FROM node:22.23.3-slim AS build\nRUN npm ci\n\nFROM node:22.23.3-slim AS build\nCOPY --from=build /app/dist ./dist\n',
      'FROM node:22.23.3-slim AS Build\nRUN npm run build\n\nFROM node:22.23.3-slim\nCOPY --from=Build /app/dist ./dist\n',
      'FROM node:22.23.3-slim AS build\nRUN npm run build\n\nFROM node:22.23.3-slim\nCOPY dist ./dist\n',
    ],
  },
});

export const df002: RuleCheck = {
  id: 'DF002',
  title: 'Multi-stage build: the final stage copies its artefacts from earlier stages',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    const stages = dockerfile?.stages ?? [];
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return violations;
    if (stages.length < 2) {
      violations.push({
        span: last.from.span,
        message: 'Use a multi-stage build: install and compile in earlier stages, then start the final stage FROM a clean base and COPY --from=… only node_modules and the built app.',
      });
    } else {
      const copiesFromStage = inheritedInstructions(last).some((instruction) => {
        const from = instruction.keyword === 'COPY' ? flag(instruction, 'from')?.value : undefined;
        return from != null && findStage(stages.slice(0, last.index), from) !== undefined;
      });
      if (!copiesFromStage) {
        violations.push({
          span: last.from.span,
          message: 'The final stage takes nothing from the earlier stages: COPY --from=<stage> the production node_modules and the built app instead of building here.',
        });
      }
    }
    const seen = new Map<string, number>();
    for (const stage of stages) {
      if (stage.name === undefined || !stage.nameSpan) continue;
      const lower = stage.name.toLowerCase();
      const firstLine = seen.get(lower);
      if (firstLine !== undefined) {
        violations.push({ span: stage.nameSpan, message: `The stage name "${stage.name}" is already used on line ${firstLine}: give every stage its own name.` });
      } else {
        seen.set(lower, stage.from.span.line);
      }
      if (RESERVED_STAGE_NAMES.has(lower)) {
        violations.push({ span: stage.nameSpan, message: `"${stage.name}" is reserved by BuildKit: choose another stage name.` });
      } else if (stage.name !== lower) {
        violations.push({
          span: stage.nameSpan,
          message: `Write the stage name in lowercase, "${lower}": BuildKit lower-cases stage names anyway.`,
          fix: { ...stage.nameSpan, text: lower },
        });
      }
    }
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        const from = instruction.keyword === 'COPY' ? flag(instruction, 'from') : undefined;
        const reference = from?.value;
        if (!from || !reference) continue;
        const target = findStage(stages, reference);
        if (target && target.index >= stage.index) {
          violations.push({
            span: from.valueSpan ?? from.span,
            message:
              target === stage
                ? `COPY --from=${reference} names the stage it is in: copy from an earlier stage.`
                : `COPY --from=${reference} names a stage defined later (line ${target.from.span.line}), which only BuildKit resolves: move that stage above this one.`,
          });
        }
      }
    }
    return violations;
  },
};
