import type { FileReport } from '../lint-files.js';

/** One object per finding, for scripts: `{file, rule, severity, line, column, endLine, endColumn, message}`. */
export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap(({ file, findings }) =>
    findings.map(({ ruleId, severity, line, column, endLine, endColumn, message }) => ({ file: file.path, rule: ruleId, severity, line, column, endLine, endColumn, message })),
  );
  return `${JSON.stringify(findings, null, 2)}\n`;
}
