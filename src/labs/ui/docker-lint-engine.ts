/**
 * The rules engine for Dockerfiles and .dockerignore files only, the same rules and engine as
 * `lintProject` but without the YAML parser (about half the engine's size), for lab pages
 * whose files hold no YAML. Built like src/rules/lint-dockerfile.ts.
 */
import { parseDockerfile } from '../../rules/dockerfile/document.js';
import { dockerfileRules } from '../../rules/dockerfile/rules.js';
import { parseDockerignore } from '../../rules/dockerignore/document.js';
import { dockerignoreRules } from '../../rules/dockerignore/rules.js';
import { parseSafely, runRules } from '../../rules/engine.js';
import type { LintContext, ProjectFinding } from '../../rules/types.js';
import type { LintEngine } from './lab-lint.js';

const RULES = [...dockerfileRules, ...dockerignoreRules];

function lintProject(files: { dockerfile?: string; dockerignore?: string }): ProjectFinding[] {
  const context: LintContext = {};
  const failures: ProjectFinding[] = [];
  if (files.dockerfile !== undefined) {
    const parsed = parseSafely('dockerfile', () => parseDockerfile(files.dockerfile!));
    if ('parsed' in parsed) context.dockerfile = parsed.parsed;
    else failures.push(parsed.failure);
  }
  if (files.dockerignore !== undefined) {
    const parsed = parseSafely('dockerignore', () => parseDockerignore(files.dockerignore!));
    if ('parsed' in parsed) context.dockerignore = parsed.parsed;
    else failures.push(parsed.failure);
  }
  return [...failures, ...runRules(RULES, context)];
}

const yamlNotLoaded = (): never => {
  throw new Error('YAML files need the full rules engine (lint-engines.ts loads it when a lab has them)');
};

export const dockerLintEngine: LintEngine = { lintProject, lintCompose: yamlNotLoaded, lintKubernetes: yamlNotLoaded };
