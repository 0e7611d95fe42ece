import { contextSources } from '../dockerfile/node-project.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { cleanPath, type CompiledPattern } from './pattern-matcher.js';

export const di003Docs = (): RuleDocs => ({
  rationale: `A path excluded by \`.dockerignore\` is not in the build context at all, so \`COPY tsconfig.json ./\` fails with "not found" (or, for a wildcard, silently copies less than you meant). It is an easy mistake after tightening \`.dockerignore\`, for instance excluding \`*.json\` or \`src/**\`.

This rule checks every path a \`COPY\` or \`ADD\` takes from the context against the patterns, with Docker's matching rules, and points at the pattern that excludes it (or, for a directory, excludes everything inside it, as \`src/**\` does: \`COPY src\` then copies an empty directory). Either narrow that pattern or add a \`!path\` line after it. Wildcard sources and paths built from variables are not checked. BuildKit's \`CopyIgnoredFile\` check does the same during a build.`,
  anchors: ['BuildKit CopyIgnoredFile'],
  examples: {
    good: ['node_modules\n.git\n.env\n.env.*\ndist\ntests\n'],
    bad: ['node_modules\n.git\n.env\n.env.*\ndist\ntests\n*.json\n', 'node_modules\n.git\n.env\n.env.*\ndist\ntests\nsrc/**\n'],
    context: {
      dockerfile: `FROM node:22.23.3-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build
`,
    },
  },
});

export const di003: RuleCheck = {
  id: 'DI003',
  title: 'Nothing the Dockerfile copies from the context is ignored',
  severity: 'error',
  appliesTo: 'dockerignore',
  check({ dockerfile, dockerignore }) {
    if (!dockerfile || !dockerignore) return [];
    const { matcher, entries } = dockerignore;
    const entryFor = (pattern: CompiledPattern) => entries.find((entry) => entry.compiled === pattern);
    /** The line that excludes a path, or everything inside it (probed with a name only a wildcard can match). */
    const excludedBy = (path: string) => {
      // A later `!path/below` re-includes part of an excluded directory, which COPY then finds.
      if (matcher.patterns.some((p) => p.exclusion && (p.pattern.startsWith(`${path}/`) || p.pattern.startsWith('**')))) return undefined;
      const decider = matcher.decidingPattern(path);
      if (decider && !decider.exclusion) {
        const entry = entryFor(decider);
        return entry && { entry, inside: false };
      }
      if (/\.[^/]*$/.test(path)) return undefined;
      const inner = matcher.decidingPattern(`${path}/\u2063`);
      const entry = inner && !inner.exclusion ? entryFor(inner) : undefined;
      return entry && { entry, inside: true };
    };
    const violations: Violation[] = [];
    const reported = new Set<string>();
    for (const instruction of dockerfile.instructions) {
      for (const source of contextSources(instruction)) {
        if (/[*?[$]/.test(source.value)) continue;
        const path = cleanPath(source.value.replace(/^\/+/, ''));
        if (path === '.' || path.startsWith('..')) continue;
        const excluded = excludedBy(path);
        if (!excluded) continue;
        const { entry, inside } = excluded;
        const key = `${path}\0${entry.span.line}`;
        if (reported.has(key)) continue;
        reported.add(key);
        violations.push({
          span: entry.span,
          message: inside
            ? `"${entry.pattern}" excludes everything inside ${path}, which the Dockerfile copies on line ${instruction.span.line}, so it arrives empty: narrow the pattern or add !${path} after it.`
            : `"${entry.pattern}" excludes ${path}, which the Dockerfile copies on line ${instruction.span.line}, so the build fails with "not found": narrow the pattern or add !${path} after it.`,
        });
      }
    }
    return violations;
  },
};
