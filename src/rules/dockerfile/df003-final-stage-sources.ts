import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { cleanPath } from '../dockerignore/pattern-matcher.js';
import { copyArguments, finalStage, finalWorkdir, findStage, flag, inheritedInstructions, type DockerInstruction, type Stage } from './document.js';
import { baseName, contextSources, hasBuildStep, isManifest } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

/** Why a context path does not belong in the final image, or undefined when it may. */
function reasonToExclude(path: string, compiled: boolean): string | undefined {
  const clean = path.replace(/^\.\//, '').replace(/\/+$/, '');
  const name = baseName(clean);
  if (clean === '.' || clean === '' || clean === '*' || clean === './') return 'the whole build context';
  if (/\.(?:[cm]?ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) return 'TypeScript sources';
  if (/^tsconfig.*\.json$/.test(name)) return 'compiler configuration';
  if (/^(?:tests?|__tests__|spec|e2e)$/.test(name) || /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name)) return 'tests';
  if (compiled && /^(?:src|lib|source)$/.test(clean)) return 'the sources the build stage compiles';
  return undefined;
}

/** Whether a stage (or one it builds on) copied from the context anything the final image should not hold. */
function holdsSources(stage: Stage, compiled: boolean): boolean {
  return inheritedInstructions(stage).some((instruction) =>
    contextSources(instruction).some((source) => !isManifest(source.value) && reasonToExclude(source.value, compiled) !== undefined),
  );
}

/**
 * What a `COPY --from=<stage>` brings that the final image should not hold: the stage's whole
 * working directory (or filesystem) when the stage copied sources into it, or a source folder
 * or file inside it. Paths in `COPY --from` are read from the root of the stage's filesystem.
 */
function stageSourceViolations(instruction: DockerInstruction, stages: readonly Stage[], compiled: boolean): Violation[] {
  const reference = instruction.keyword === 'COPY' ? flag(instruction, 'from')?.value : undefined;
  const stage = reference && instruction.stage ? findStage(stages.slice(0, instruction.stage.index), reference) : undefined;
  if (!stage) return [];
  const workdir = cleanPath(finalWorkdir(stage));
  const name = stage.name ?? `stage ${stage.index}`;
  const violations: Violation[] = [];
  for (const source of copyArguments(instruction).sources) {
    const path = cleanPath(`/${source.value}`);
    const whole = path === '/' || path === workdir;
    const relative = path.startsWith(`${workdir}/`) ? path.slice(workdir.length + 1) : undefined;
    if (whole && holdsSources(stage, compiled)) {
      violations.push({
        span: source.span,
        message: `"${source.value}" copies the ${name} stage's whole ${path === '/' ? 'filesystem' : 'working directory'}, sources, tests and devDependencies included, into the final image: copy only its build output (${workdir === '/' ? '' : workdir}/dist) and production node_modules.`,
      });
      continue;
    }
    const reason = relative && !isManifest(relative) ? reasonToExclude(relative, compiled) : undefined;
    if (reason) violations.push({ span: source.span, message: `Copying "${source.value}" from the ${name} stage brings ${reason} into the final image: copy only its build output.` });
  }
  return violations;
}

export const df003Docs = (): RuleDocs => ({
  rationale: `What the final image needs at run time is the compiled app, its production \`node_modules\` and \`package.json\`. \`COPY . .\` in the final stage brings everything else too: TypeScript sources, tests, \`tsconfig.json\`, and whatever \`.dockerignore\` forgot. That makes the image bigger, gives an attacker who gets in more to read, and changes the image (and busts its cache) on every edit to a test.

Take the built output from the build stage with \`COPY --from=build\`, and from the context copy only package manifests. Copying the build stage's whole working directory (\`COPY --from=build /app ./\`) is \`COPY . .\` again, with the devDependencies added. Static assets or an entrypoint script may be copied too; raw \`src\` may be copied only when nothing compiles it (a plain JavaScript app).`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: [
      'FROM node:22.23.3-slim AS build\nRUN npm run build\n\nFROM node:22.23.3-slim\nCOPY . .\n',
      'FROM node:22.23.3-slim AS build\nRUN npm run build\n\nFROM node:22.23.3-slim\nCOPY --from=build /app/dist ./dist\nCOPY src ./src\nCOPY tsconfig.json ./\n',
      'FROM node:22.23.3-slim AS deps\nRUN npm ci --omit=dev\n\nFROM node:22.23.3-slim\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY tests ./tests\n',
      'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22.23.3-slim\nWORKDIR /app\nCOPY --from=build /app ./\n',
      'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22.23.3-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nCOPY --from=build /app/src ./src\n',
    ],
  },
});

export const df003: RuleCheck = {
  id: 'DF003',
  title: 'The final stage copies no sources, tests or build configuration',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!dockerfile || !last) return [];
    const compiled = hasBuildStep(dockerfile);
    const violations: Violation[] = [];
    for (const instruction of inheritedInstructions(last)) {
      violations.push(...stageSourceViolations(instruction, dockerfile.stages, compiled));
      for (const source of contextSources(instruction)) {
        if (isManifest(source.value)) continue;
        const reason = reasonToExclude(source.value, compiled);
        if (!reason) continue;
        violations.push({
          span: source.span,
          message: `"${source.value}" brings ${reason} into the final image: copy the built output with COPY --from=<build stage>, and from the context only package.json and the lockfile.`,
        });
      }
    }
    return violations;
  },
};
