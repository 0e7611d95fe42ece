import type { RuleCheck, RuleDocs, Violation } from '../types.js';

export const dc001Docs = (): RuleDocs => ({
  rationale: `The \`version: '3.9'\` line is a leftover from the Compose file format versions 2 and 3. Docker Compose v2 implements the Compose Specification, which has no versions: it ignores the key and prints a warning that it is obsolete. Keeping it suggests that features are limited to that version, which they are not. Delete the line.`,
  anchors: ['dclint no-version-field'],
  examples: {
    good: [
      `services:
  api:
    build: .
    init: true
    mem_limit: 512m
    stop_grace_period: 30s
`,
    ],
    bad: [`version: '3.9'\nservices:\n  api:\n    build: .\n    mem_limit: 512m\n`],
  },
});

export const dc001: RuleCheck = {
  id: 'DC001',
  title: 'No top-level version: key',
  severity: 'error',
  appliesTo: 'compose',
  check({ compose }) {
    const violations: Violation[] = [];
    for (const document of compose?.documents ?? []) {
      const version = document.map(document.root)?.items.find((pair) => document.text(pair.key) === 'version');
      if (!version) continue;
      const span = document.spanBetween(version.key, version.value);
      violations.push({
        span,
        message: 'Remove the version key: Compose follows the Compose Specification, ignores it and warns that it is obsolete.',
        fix: document.deleteLines(span),
      });
    }
    return violations;
  },
};
