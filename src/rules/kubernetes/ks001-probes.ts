import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';
import { podTemplates } from './workloads.js';

export const ks001Docs = (): RuleDocs => ({
  rationale: `Kubernetes asks two different questions. **Readiness**: should this pod receive traffic right now? A failing readiness probe removes the pod from its Service's endpoints without restarting it; that is how a pod starting up, or shutting down (readiness goes to 503 first), stops receiving requests. **Liveness**: is this process beyond repair? A failing liveness probe restarts the container.

Without a readiness probe, traffic arrives before the app listens and keeps arriving while it shuts down. Without a liveness probe, a wedged process stays in rotation forever. Pointing both at the same endpoint is worse than it looks: when a dependency such as the database fails, readiness should fail, but liveness failing too makes Kubernetes restart every pod at once, which fixes nothing. Serve \`/health\` (the process is alive) for liveness and \`/health/ready\` (ready for traffic, dependencies included) for readiness.`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [
      GOOD_DEPLOYMENT.replace(/ {10}readinessProbe:\n(?: {12}.*\n)+/, ''),
      GOOD_DEPLOYMENT.replace('path: /health/ready', 'path: /health'),
    ],
  },
});

export const ks001: RuleCheck = {
  id: 'KS001',
  title: 'Readiness and liveness probes exist and check different things',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    const violations: Violation[] = [];
    for (const template of kubernetes ? podTemplates(kubernetes) : []) {
      if (!template.longRunning) continue;
      const { document } = template;
      for (const container of template.containers) {
        if (container.init) continue;
        const readiness = document.at(container.node, 'readinessProbe');
        const liveness = document.at(container.node, 'livenessProbe');
        if (readiness == null) {
          violations.push({ span: container.span, message: `Add a readinessProbe to ${container.name} (httpGet /health/ready), so it only receives traffic while it can serve it.` });
        }
        if (liveness == null) {
          violations.push({ span: container.span, message: `Add a livenessProbe to ${container.name} (httpGet /health), so a wedged process is restarted.` });
        }
        if (readiness == null || liveness == null) continue;
        const handler = (probe: unknown) => JSON.stringify(['httpGet', 'exec', 'tcpSocket', 'grpc'].map((key) => document.plain(document.at(probe, key))));
        if (handler(readiness) === handler(liveness)) {
          const path = document.at(liveness, 'httpGet', 'path');
          violations.push({
            span: document.span(path ?? liveness),
            message: `Liveness checks the same thing as readiness, so a failing dependency restarts every pod: point liveness at /health (process alive) and readiness at /health/ready.`,
          });
        }
      }
    }
    return violations;
  },
};
