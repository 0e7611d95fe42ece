import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { composeServices } from './services.js';

export const dc002Docs = (): RuleDocs => ({
  rationale: `Without a limit, a container may use all of the host's memory: a leak in one service slows or kills everything else on the machine, and the kernel's out-of-memory killer picks its victim without asking you. With a limit, the runaway container alone is killed and restarted.

Set \`deploy.resources.limits.memory\` (or the older \`mem_limit\`) on every service. Node picks its default heap size from the memory it detects, which depending on the Node version and the host's cgroup setup may be the host's rather than the container's; setting \`--max-old-space-size\` (through \`NODE_OPTIONS\`) comfortably below the limit leaves room for buffers and native memory.`,
  anchors: [],
  examples: {
    good: [
      `services:
  api:
    build: .
    init: true
    stop_grace_period: 30s
    deploy:
      resources:
        limits:
          memory: 512m
`,
    ],
    bad: [`services:\n  api:\n    build: .\n    init: true\n`],
  },
});

export const dc002: RuleCheck = {
  id: 'DC002',
  title: 'Every service has a memory limit',
  severity: 'error',
  appliesTo: 'compose',
  check({ compose }) {
    const violations: Violation[] = [];
    for (const service of compose ? composeServices(compose) : []) {
      const { document, node } = service;
      if (document.at(node, 'mem_limit') != null || document.at(node, 'deploy', 'resources', 'limits', 'memory') != null) continue;
      violations.push({
        span: document.span(service.pair.key),
        message: `Give ${service.name} a memory limit (deploy.resources.limits.memory: 512m, or mem_limit), so a leak cannot take the whole host down.`,
      });
    }
    return violations;
  },
};
