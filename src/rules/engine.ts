import { START_OF_FILE } from './text.js';
import type { DocumentKind, Finding, LintContext, ProjectFinding, RuleCheck, Violation } from './types.js';

const DOCUMENT_ORDER: DocumentKind[] = ['dockerfile', 'dockerignore', 'compose', 'kubernetes'];

const LABEL: Record<DocumentKind, string> = { dockerfile: 'Dockerfile', dockerignore: '.dockerignore', compose: 'compose file', kubernetes: 'Kubernetes manifest' };

/** The rule that reports a file its parser could not read at all. */
const SYNTAX_RULE: Record<DocumentKind, string> = { dockerfile: 'DF018', dockerignore: 'DI004', compose: 'DC005', kubernetes: 'KS006' };

function internalFinding(ruleId: string, document: DocumentKind, what: string, error: unknown): ProjectFinding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId,
    severity: 'error',
    message: `${what} failed on this input (${reason}), so it could not be checked: please report this file to the Shipshape maintainers.`,
    ...START_OF_FILE,
    document,
  };
}

/** Parses one file; a parser that throws becomes a finding of that file's syntax rule, never an exception. */
export function parseSafely<T>(document: DocumentKind, parse: () => T): { parsed: T } | { failure: ProjectFinding } {
  try {
    return { parsed: parse() };
  } catch (error) {
    return { failure: internalFinding(SYNTAX_RULE[document], document, `Reading the ${LABEL[document]}`, error) };
  }
}

/** Parsed files ready for the checks, and the files that could not be parsed, as findings. */
export interface ParsedFiles {
  context: LintContext;
  failures: ProjectFinding[];
}

/** Parses one file, when given, into the context; a parser that throws becomes a failure finding. */
export function parseInto<K extends DocumentKind>(into: ParsedFiles, kind: K, text: string | undefined, parse: (text: string) => NonNullable<LintContext[K]>): void {
  if (text === undefined) return;
  const result = parseSafely(kind, () => parse(text));
  if ('failure' in result) into.failures.push(result.failure);
  else into.context[kind] = result.parsed;
}

/**
 * Runs rules over parsed files. Each check is isolated: a rule that throws on some odd input is
 * reported as a finding under its own id, and the other rules still run.
 */
export function runRules(rules: readonly RuleCheck[], context: LintContext): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  for (const rule of rules) {
    let violations: Violation[];
    try {
      violations = rule.check(context);
    } catch (error) {
      findings.push(internalFinding(rule.id, rule.appliesTo, `Rule ${rule.id}`, error));
      continue;
    }
    for (const { span, message, fix, document } of violations) {
      const finding: ProjectFinding = { ruleId: rule.id, severity: rule.severity, message, ...span, document: document ?? rule.appliesTo };
      if (fix) finding.fix = fix;
      findings.push(finding);
    }
  }
  return sortFindings(findings);
}

function sortFindings<T extends ProjectFinding>(findings: T[]): T[] {
  return findings.sort(
    (a, b) =>
      DOCUMENT_ORDER.indexOf(a.document) - DOCUMENT_ORDER.indexOf(b.document) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** The findings that point into one file, without the `document` tag single-file callers don't need. */
export function findingsIn(kind: DocumentKind, findings: readonly ProjectFinding[]): Finding[] {
  return findings.filter((finding) => finding.document === kind).map(({ document: _document, ...finding }) => finding);
}
