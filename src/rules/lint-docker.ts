/**
 * Dockerfile and .dockerignore linting without the YAML parser, which is about half the engine's
 * size: the same checks and engine as `lintProject`, for browser pages whose files hold no YAML.
 * load-engine.ts picks it, or the full engine in lint.ts when a compose file or manifest appears.
 */
import { parseDockerfile } from './dockerfile/document.js';
import { dockerfileChecks } from './dockerfile/rules.js';
import { parseDockerignore } from './dockerignore/document.js';
import { dockerignoreChecks } from './dockerignore/rules.js';
import { parseInto, runRules, type ParsedFiles } from './engine.js';
import type { ProjectFiles, ProjectFinding } from './types.js';

const DOCKER_CHECKS = [...dockerfileChecks, ...dockerignoreChecks];

/** Parses the Dockerfile and .dockerignore among the files, the first step of every project lint. */
export function parseDockerFiles(files: ProjectFiles): ParsedFiles {
  const parsed: ParsedFiles = { context: {}, failures: [] };
  parseInto(parsed, 'dockerfile', files.dockerfile, parseDockerfile);
  parseInto(parsed, 'dockerignore', files.dockerignore, parseDockerignore);
  return parsed;
}

/** `lintProject` for a Dockerfile and its .dockerignore; compose files and manifests are not read. */
export function lintDockerProject(files: Pick<ProjectFiles, 'dockerfile' | 'dockerignore'>): ProjectFinding[] {
  const { context, failures } = parseDockerFiles(files);
  return [...failures, ...runRules(DOCKER_CHECKS, context)];
}
