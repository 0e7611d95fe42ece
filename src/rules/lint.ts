/**
 * The linting half of the rules engine: parsers and checks without the rules' documentation, so
 * it is what the browser loads (the readiness checklist, the lab editor). `index.ts` adds the
 * documented registry for lessons, rule pages and the CLI.
 */
import { checks, checksFor } from './checks.js';
import { COMPOSE_OVERRIDE_CHECKS } from './compose/rules.js';
import { findingsIn, parseInto, runRules, type ParsedFiles } from './engine.js';
import { parseDockerFiles } from './lint-docker.js';
import type { DocumentKind, Finding, ProjectFiles, ProjectFinding } from './types.js';
import { parseYaml } from './yaml/yaml-file.js';

export type { DocumentKind, Finding, Fix, ProjectFiles, ProjectFinding, Severity, Span } from './types.js';
export { lintDockerfile } from './lint-dockerfile.js';

/** Parses the files given; one a parser cannot read becomes a finding, never an exception. */
function parseFiles(files: ProjectFiles): ParsedFiles {
  const parsed = parseDockerFiles(files);
  parseInto(parsed, 'compose', files.compose, parseYaml);
  parseInto(parsed, 'kubernetes', files.k8s, parseYaml);
  return parsed;
}

/** Lints any combination of a project's files, including the rules that need two of them. */
export function lintProject(files: ProjectFiles): ProjectFinding[] {
  const { context, failures } = parseFiles(files);
  return [...failures, ...runRules(checks, context)];
}

/** Runs one kind's rules and keeps the findings that point into that file. */
function lintOne(kind: DocumentKind, files: ProjectFiles, kindChecks = checksFor(kind)): Finding[] {
  const { context, failures } = parseFiles(files);
  return findingsIn(kind, [...failures, ...runRules(kindChecks, context)]);
}

/** Lints a .dockerignore; given the Dockerfile it serves, also checks that nothing it copies is excluded. */
export function lintDockerignore(text: string, options: { dockerfile?: string } = {}): Finding[] {
  const files: ProjectFiles = { dockerignore: text };
  if (options.dockerfile !== undefined) files.dockerfile = options.dockerfile;
  return lintOne('dockerignore', files);
}

/**
 * Lints a compose file. An override file (`override: true`, for compose.override.yaml) is only
 * judged on what it says: settings it leaves out come from the file it is merged into.
 */
export function lintCompose(text: string, options: { override?: boolean } = {}): Finding[] {
  const kindChecks = checksFor('compose').filter((check) => !options.override || COMPOSE_OVERRIDE_CHECKS.has(check.id));
  return lintOne('compose', { compose: text }, kindChecks);
}

/** Lints Kubernetes manifests; a file may hold several documents separated by `---`. */
export function lintKubernetes(text: string): Finding[] {
  return lintOne('kubernetes', { k8s: text });
}
