import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';

export const ks006Docs = (): RuleDocs => ({
  rationale: `\`kubectl apply\` rejects a manifest it cannot parse, and every object needs \`apiVersion\` and \`kind\` to be understood at all. Duplicate keys are the sneaky case: YAML forbids them, and depending on the tool one value silently wins, so a second \`env:\` or \`resources:\` block quietly replaces the first. Several objects may share a file, separated by \`---\`.`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [GOOD_DEPLOYMENT.replace('      terminationGracePeriodSeconds: 40\n', '      terminationGracePeriodSeconds: 40\n      terminationGracePeriodSeconds: 60\n'), 'kind: Deployment\nmetadata:\n  name: api\n'],
  },
});

export const ks006: RuleCheck = {
  id: 'KS006',
  title: 'Manifests are valid YAML with apiVersion and kind',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    if (!kubernetes) return [];
    const violations: Violation[] = kubernetes.problems.map(({ code, message, span }) => ({
      span,
      message: code === 'DUPLICATE_KEY' ? 'This key appears twice in the same mapping: keep one, or one value silently replaces the other.' : `Fix the YAML syntax: ${message}.`,
    }));
    if (violations.length > 0) return violations;
    for (const document of kubernetes.documents) {
      const missing = ['apiVersion', 'kind'].filter((key) => document.text(document.at(document.root, key)) === undefined);
      if (missing.length > 0) violations.push({ span: document.span(document.map(document.root)?.items[0]?.key ?? document.root), message: `Every Kubernetes object needs ${missing.join(' and ')}: add ${missing.length > 1 ? 'them' : 'it'} at the top of this document.` });
    }
    return violations;
  },
};
