import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';
import { podTemplates } from './workloads.js';

export const ks004Docs = (): RuleDocs => ({
  rationale: `The scheduler places pods by their **requests**: without them a pod is "BestEffort", lands on nodes with no room for it, and is the first to be evicted under pressure. The memory **limit** caps a leak: the container alone is OOM-killed and restarted, instead of the node running out of memory and evicting its neighbours.

Set \`resources.requests.cpu\`, \`resources.requests.memory\` and \`resources.limits.memory\` on every container. A CPU limit is optional and often left out, because CPU throttling slows latency-sensitive apps even when the node is idle. Keep Node's heap (\`--max-old-space-size\`) comfortably below the memory limit.`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [GOOD_DEPLOYMENT.replace(/ {10}resources:\n(?: {12}.*\n)+/, ''), GOOD_DEPLOYMENT.replace(/ {12}limits:\n {14}memory: 512Mi\n/, '')],
  },
});

export const ks004: RuleCheck = {
  id: 'KS004',
  title: 'Containers request CPU and memory and have a memory limit',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    const violations: Violation[] = [];
    for (const template of kubernetes ? podTemplates(kubernetes) : []) {
      const { document } = template;
      for (const container of template.containers) {
        const missing = [
          ['requests', 'cpu'],
          ['requests', 'memory'],
          ['limits', 'memory'],
        ].filter((path) => document.at(container.node, 'resources', ...path) == null);
        if (missing.length === 0) continue;
        violations.push({
          span: container.span,
          message: `Set ${missing.map((path) => `resources.${path.join('.')}`).join(', ')} on ${container.name}, so the scheduler reserves room for it and a leak only restarts this container.`,
        });
      }
    }
    return violations;
  },
};
