import type { RuleCheck, RuleDocs, Violation } from '../types.js';

export const di004Docs = (): RuleDocs => ({
  rationale: `Docker compiles every \`.dockerignore\` line as a pattern before sending the context, and one malformed line fails the whole build with "syntax error in pattern". The usual culprits are an unclosed or empty character class (\`[abc\`, \`[]\`), a range in the wrong order (\`[z-a]\`), a trailing backslash, and a lone \`!\`. To match a literal \`[\`, escape it: \`\\[\`.`,
  anchors: [],
  examples: {
    good: ['node_modules\n.git\n.env\n.env.*\ndist\ntests\nsrc/\\[draft\\]*\n'],
    bad: ['node_modules\n.git\n.env\n.env.*\ndist\ntests\nsrc/[draft\n', 'node_modules\n.git\n.env\n.env.*\ndist\ntests\n!\n'],
  },
});

export const di004: RuleCheck = {
  id: 'DI004',
  title: 'Every .dockerignore pattern is valid',
  severity: 'error',
  appliesTo: 'dockerignore',
  check({ dockerignore }) {
    const violations: Violation[] = [];
    for (const entry of dockerignore?.entries ?? []) {
      if (entry.error) violations.push({ span: entry.span, message: `Docker rejects this line and the build fails: ${entry.error}.` });
    }
    return violations;
  },
};
