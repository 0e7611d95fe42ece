import { docsUrl, rules, type Finding, type Severity, type Span } from '../../rules/index.js';
import type { FileReport } from '../lint-files.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function region({ line, column, endLine, endColumn }: Span) {
  return { startLine: line, startColumn: column, endLine, endColumn };
}

/** Relative paths as URI references, so code-scanning services resolve them against the repository. */
function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for code-scanning services (GitHub, GitLab, IDE viewers): every rule with its
 * description, severity and documentation link, and every finding with its region and any fix.
 */
export function formatSarif(reports: readonly FileReport[], docsBase: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const result = (path: string, finding: Finding) => {
    const location = { physicalLocation: { artifactLocation: { uri: uri(path) }, region: region(finding) } };
    const entry: Record<string, unknown> = {
      ruleId: finding.ruleId,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [location],
    };
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) entry.ruleIndex = index;
    if (finding.fix) {
      entry.fixes = [
        {
          description: { text: finding.message },
          artifactChanges: [{ artifactLocation: { uri: uri(path) }, replacements: [{ deletedRegion: region(finding.fix), insertedContent: { text: finding.fix.text } }] }],
        },
      ];
    }
    return entry;
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            informationUri: `${docsBase}/`,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: { text: rule.rationale, markdown: rule.rationale },
              helpUri: `${docsBase}${docsUrl(rule.id)}`,
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { tags: [rule.appliesTo], ...(rule.anchors.length > 0 ? { equivalents: rule.anchors } : {}) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap(({ file, findings }) => findings.map((finding) => result(file.path, finding))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
