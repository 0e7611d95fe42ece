import { LineIndex } from '../../rules/text.js';
import type { Finding, Severity } from '../../rules/index.js';
import type { FileReport } from '../lint-files.js';

export interface TextOptions {
  color: boolean;
  docsBase: string;
}

const WINDOW = 100;

type Paint = (code: string, text: string) => string;

/**
 * One character per column, so the caret lines up: tabs and a byte order mark become spaces, and
 * control characters, which would garble the terminal (or drive it, for escape sequences), `?`.
 */
function printable(text: string): string {
  return text.replace(/[\t\uFEFF]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** The finding's first line, with a caret underline, cut to a window around the finding on long lines. */
function codeFrame(lines: LineIndex, finding: Finding, gutterWidth: number, paint: Paint): string {
  const source = lines.lineText(finding.line);
  const startColumn = Math.min(finding.column, source.length + 1);
  const endColumn = finding.endLine === finding.line ? Math.max(finding.endColumn, startColumn + 1) : source.length + 1;
  const from = Math.max(0, startColumn - 1 - WINDOW / 2);
  const to = Math.min(source.length, from + WINDOW);
  const shown = `${from > 0 ? '…' : ''}${printable(source.slice(from, to))}${to < source.length ? '…' : ''}`;
  const offset = (from > 0 ? 1 : 0) + startColumn - 1 - from;
  const width = Math.max(1, Math.min(endColumn, to + 1) - startColumn);
  return [
    `    ${paint('2', `${String(finding.line).padStart(gutterWidth)} |`)} ${shown}`,
    `    ${paint('2', `${' '.repeat(gutterWidth)} |`)} ${' '.repeat(offset)}${paint('31', '^'.repeat(width))}`,
  ].join('\n');
}

const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

/** Human-readable report: findings grouped by file, each with a code frame; colours only when asked. */
export function formatText(reports: readonly FileReport[], options: TextOptions): string {
  const paint: Paint = (code, text) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const { file, findings } of reports) {
    if (findings.length === 0) continue;
    const lines = new LineIndex(file.text);
    const gutterWidth = String(Math.max(...findings.map((finding) => finding.line))).length;
    out.push(paint('1;4', file.path));
    for (const finding of findings) {
      counts[finding.severity]++;
      const severity = paint(SEVERITY_COLOUR[finding.severity], finding.severity.padEnd(7));
      out.push(`  ${`${finding.line}:${finding.column}`.padEnd(8)} ${severity} ${finding.message}  ${paint('2', finding.ruleId)}`);
      out.push(codeFrame(lines, finding, gutterWidth, paint));
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info;
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}`;
  if (total === 0) {
    out.push(paint('32', `No problems found in ${files}.`));
  } else {
    const parts = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
    out.push(paint(counts.error > 0 ? '1;31' : '1;33', `${parts.join(', ')} in ${files}.`));
    out.push(`Each rule is explained at ${options.docsBase}/rules/<rule id>/, e.g. ${options.docsBase}/rules/${(reports.flatMap((r) => r.findings)[0]?.ruleId ?? 'df001').toLowerCase()}/`);
  }
  return `${out.join('\n')}\n`;
}
