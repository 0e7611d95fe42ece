/**
 * The rules engine over a lab's files, as the editor marks them inline and as `rules` checks
 * judge them. Files are linted together the way `shipshape lint` lints a directory: a
 * Dockerfile with its .dockerignore and compose file, a .dockerignore with the Dockerfile it
 * serves. The engine is passed in (rules/load-engine.ts), so a lab without YAML files never loads
 * the YAML parser. Browser-safe.
 */
import type { DocumentKind, Finding, ProjectFinding } from '../../rules/index.js';
import type { LintEngine } from '../../rules/load-engine.js';
import { documentKindOf } from './document-kind.js';

/**
 * Findings by path for the files in `reportOn` that the rules read (the learner's editable
 * files); every file of the lab is context, e.g. a read-only .dockerignore for an editable
 * Dockerfile. Files the rules do not read are absent from the result.
 */
export function lintLabFiles(
  engine: LintEngine,
  files: Readonly<Record<string, string>>,
  reportOn: readonly string[],
): Record<string, Finding[]> {
  const allOf = (kind: DocumentKind) =>
    Object.keys(files)
      .sort()
      .filter((path) => documentKindOf(path, files[path] ?? '') === kind);
  const pathsOf = (kind: DocumentKind) => allOf(kind).filter((path) => reportOn.includes(path));
  const firstText = (kind: DocumentKind) => {
    const path = allOf(kind)[0];
    return path === undefined ? undefined : files[path];
  };
  const dockerfile = firstText('dockerfile');
  const dockerignore = firstText('dockerignore');
  const compose = firstText('compose');

  const findings: Record<string, Finding[]> = {};
  for (const path of pathsOf('dockerfile')) {
    findings[path] = keepDocument('dockerfile', engine.lintProject({ dockerfile: files[path], dockerignore, compose }));
  }
  for (const path of pathsOf('dockerignore')) {
    findings[path] = keepDocument('dockerignore', engine.lintProject({ dockerignore: files[path], dockerfile }));
  }
  for (const path of pathsOf('compose')) findings[path] = engine.lintCompose(files[path] ?? '');
  for (const path of pathsOf('kubernetes')) findings[path] = engine.lintKubernetes(files[path] ?? '');
  return findings;
}

function keepDocument(kind: DocumentKind, findings: readonly ProjectFinding[]): Finding[] {
  return findings.filter((finding) => finding.document === kind).map(({ document: _document, ...finding }) => finding);
}
