/**
 * The Shipshape rules engine: one registry of rules, used by the lessons (rule text and
 * examples), the readiness checklist and lab editor (live findings), and the `shipshape lint` CLI.
 * Pure TypeScript with no Node or DOM APIs, so the same module runs everywhere.
 */
import { parseDockerfile } from './dockerfile/document.js';
import { parseDockerignore } from './dockerignore/document.js';
import { findingsIn, parseSafely, runRules } from './engine.js';
import { rules, rulesFor } from './registry.js';
import type { DocumentKind, Finding, LintContext, ProjectFinding } from './types.js';
import { parseYaml } from './yaml/yaml-file.js';

export type { DocumentKind, Finding, Fix, ProjectFinding, Rule, RuleExamples, Severity, Span } from './types.js';
export { rules, getRule, rulesFor } from './registry.js';
export { docsUrl, anchorUrl } from './docs.js';
export { lintDockerfile } from './lint-dockerfile.js';

/** A project's files as text. Leave a file out when the project has none: a missing .dockerignore is itself a finding. */
export interface ProjectFiles {
  dockerfile?: string;
  dockerignore?: string;
  compose?: string;
  /** Kubernetes manifests; several may share the text, separated by `---`. */
  k8s?: string;
}

/** Parses the files given; one a parser cannot read becomes a finding, never an exception. */
function parseFiles(files: ProjectFiles): { context: LintContext; failures: ProjectFinding[] } {
  const context: LintContext = {};
  const failures: ProjectFinding[] = [];
  const read = <T>(kind: DocumentKind, text: string | undefined, parse: (text: string) => T): T | undefined => {
    if (text === undefined) return undefined;
    const result = parseSafely(kind, () => parse(text));
    if ('failure' in result) failures.push(result.failure);
    return 'parsed' in result ? result.parsed : undefined;
  };
  const dockerfile = read('dockerfile', files.dockerfile, parseDockerfile);
  const dockerignore = read('dockerignore', files.dockerignore, parseDockerignore);
  const compose = read('compose', files.compose, parseYaml);
  const kubernetes = read('kubernetes', files.k8s, parseYaml);
  if (dockerfile) context.dockerfile = dockerfile;
  if (dockerignore) context.dockerignore = dockerignore;
  if (compose) context.compose = compose;
  if (kubernetes) context.kubernetes = kubernetes;
  return { context, failures };
}

/** Lints any combination of a project's files, including the rules that need two of them. */
export function lintProject(files: ProjectFiles): ProjectFinding[] {
  const { context, failures } = parseFiles(files);
  return [...failures, ...runRules(rules, context)];
}

/** Runs one kind's rules and keeps the findings that point into that file. */
function lintOne(kind: DocumentKind, files: ProjectFiles): Finding[] {
  const { context, failures } = parseFiles(files);
  return findingsIn(kind, [...failures, ...runRules(rulesFor(kind), context)]);
}

/** Lints a .dockerignore; given the Dockerfile it serves, also checks that nothing it copies is excluded. */
export function lintDockerignore(text: string, options: { dockerfile?: string } = {}): Finding[] {
  const files: ProjectFiles = { dockerignore: text };
  if (options.dockerfile !== undefined) files.dockerfile = options.dockerfile;
  return lintOne('dockerignore', files);
}

export function lintCompose(text: string): Finding[] {
  return lintOne('compose', { compose: text });
}

/** Lints Kubernetes manifests; a file may hold several documents separated by `---`. */
export function lintKubernetes(text: string): Finding[] {
  return lintOne('kubernetes', { k8s: text });
}
