import type { DockerfileDocument } from './dockerfile/document.js';
import type { DockerignoreDocument } from './dockerignore/document.js';
import type { YamlFile } from './yaml/yaml-file.js';

export type Severity = 'error' | 'warning' | 'info';

/** The kinds of file the rules read. */
export type DocumentKind = 'dockerfile' | 'dockerignore' | 'compose' | 'kubernetes';

/**
 * A 1-based range in a document. `endColumn` points just past the last character
 * (as in SARIF and editors), so an empty range marks an insertion point.
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A mechanical edit: replace the span with `text`. */
export interface Fix extends Span {
  text: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  /** Says what to do, not only what is wrong. */
  message: string;
  fix?: Fix;
}

/** A finding from `lintProject`, which also says which of the files it points into. */
export interface ProjectFinding extends Finding {
  document: DocumentKind;
}

/** What a rule's check reports; the engine adds the rule id and severity. */
export interface Violation {
  span: Span;
  message: string;
  fix?: Fix;
  /** Where the span points, when that is not the rule's own `appliesTo` document. */
  document?: DocumentKind;
}

/** A project's files as text. Leave a file out when the project has none: a missing .dockerignore is itself a finding. */
export interface ProjectFiles {
  dockerfile?: string;
  dockerignore?: string;
  compose?: string;
  /** Kubernetes manifests; several may share the text, separated by `---`. */
  k8s?: string;
}

/** The parsed files a check may read; any of them may be absent. */
export interface LintContext {
  dockerfile?: DockerfileDocument;
  dockerignore?: DockerignoreDocument;
  compose?: YamlFile;
  kubernetes?: YamlFile;
}

export interface RuleExamples {
  /** Inputs in the rule's `appliesTo` language on which the rule reports nothing. */
  good: string[];
  /** Inputs on which the rule reports at least one finding. */
  bad: string[];
  /** Other files every example is linted together with (e.g. the Dockerfile a .dockerignore serves). */
  context?: { dockerfile?: string };
}

/** What the engine runs: a rule's identity and its check. Browser bundles hold only this part. */
export interface RuleCheck {
  /** Public and stable: DF001, DI002, DC003, KS004… */
  id: string;
  title: string;
  severity: Severity;
  appliesTo: DocumentKind;
  check(context: LintContext): Violation[];
}

/**
 * What people read: the text lessons, rule pages, the CLI's SARIF help and the example tests use.
 * Each rule file defines it beside the check, as a function (`df009Docs`), so that a bundle which
 * only runs checks leaves the text out: nothing but the documented registry ever calls it.
 */
export interface RuleDocs {
  /** Markdown: why the rule exists and how to satisfy it. */
  rationale: string;
  /** Equivalent checks elsewhere, e.g. `hadolint DL3002`, `BuildKit JSONArgsRecommended`, `Trivy DS-0002`. */
  anchors: string[];
  examples: RuleExamples;
}

/** A rule with its documentation: what `rules` and `getRule` return. */
export interface Rule extends RuleCheck, RuleDocs {}

/** A check and the function that returns its documentation, as the family registries list them. */
export type DocumentedCheck = readonly [RuleCheck, () => RuleDocs];
