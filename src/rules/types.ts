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

export interface Rule {
  /** Public and stable: DF001, DI002, DC003, KS004… */
  id: string;
  title: string;
  severity: Severity;
  appliesTo: DocumentKind;
  /** Markdown: why the rule exists and how to satisfy it. */
  rationale: string;
  /** Equivalent checks elsewhere, e.g. `hadolint DL3002`, `BuildKit JSONArgsRecommended`, `Trivy DS-0002`. */
  anchors: string[];
  examples: RuleExamples;
  check(context: LintContext): Violation[];
}
