import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { START_OF_FILE } from '../text.js';

export const dc005Docs = (): RuleDocs => ({
  rationale: `YAML forbids a key appearing twice in one mapping, yet it is an easy mistake in a long file: two \`environment:\` blocks in one service, or a service defined twice. Parsers disagree on what happens next (some keep the last value silently, Compose refuses the file), so a duplicated key is either an error or a setting that silently vanishes. Other syntax errors (a tab used for indentation, an unclosed quote) stop Compose from reading the file at all. A compose file is a mapping with a \`services:\` key.`,
  anchors: [],
  examples: {
    good: [
      `services:
  api:
    build: .
    init: true
    mem_limit: 512m
    stop_grace_period: 30s
    environment:
      PORT: "8080"
`,
    ],
    bad: [
      `services:\n  api:\n    build: .\n    mem_limit: 512m\n    environment:\n      PORT: "8080"\n    environment:\n      LOG_LEVEL: info\n`,
      `services:\n  api:\n    image: "node:22.23.3-slim\n`,
      `api:\n  build: .\n`,
    ],
  },
});

export const dc005: RuleCheck = {
  id: 'DC005',
  title: 'The compose file is valid YAML with no duplicate keys',
  severity: 'error',
  appliesTo: 'compose',
  check({ compose }) {
    if (!compose) return [];
    const violations: Violation[] = compose.problems.map(({ code, message, span }) => ({
      span,
      message: code === 'DUPLICATE_KEY' ? 'This key appears twice in the same mapping: Compose rejects the file. Merge the two into one.' : `Fix the YAML syntax: ${message}.`,
    }));
    if (violations.length > 0) return violations;
    const { documents } = compose;
    if (documents.length === 0) return [{ span: START_OF_FILE, message: 'The compose file is empty: define your services under services:.' }];
    for (const document of documents) {
      if (document.get(document.root, 'services') === undefined) {
        violations.push({ span: document.span(document.map(document.root)?.items[0]?.key ?? document.root), message: 'A compose file is a mapping with a services: key: put each service under services:.' });
      }
    }
    return violations;
  },
};
