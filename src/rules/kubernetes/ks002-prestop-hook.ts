import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';
import { podTemplates } from './workloads.js';

export const ks002Docs = (): RuleDocs => ({
  rationale: `When a pod is deleted, Kubernetes does two things at the same time: it sends SIGTERM (after any preStop hook) to the container, and it starts removing the pod from Service endpoints. That removal travels through the endpoint controller, kube-proxy on every node, and any ingress or cloud load balancer, and takes a few seconds; until it arrives, new requests keep coming to a pod that has already begun shutting down.

A preStop hook that just waits covers that gap: the pod keeps serving while everyone learns it is leaving, and only then receives SIGTERM. Use the native sleep action (GA in Kubernetes 1.34, on by default since 1.30), or \`exec: { command: ["sleep", "5"] }\` on older clusters (the image needs a \`sleep\` binary). The wait counts against \`terminationGracePeriodSeconds\` (see KS003).`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [GOOD_DEPLOYMENT.replace(/ {10}lifecycle:\n(?: {12}.*\n)+/, '').replace('terminationGracePeriodSeconds: 40', 'terminationGracePeriodSeconds: 30')],
  },
});

export const ks002: RuleCheck = {
  id: 'KS002',
  title: 'Serving containers have a preStop hook',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    const violations: Violation[] = [];
    for (const template of kubernetes ? podTemplates(kubernetes) : []) {
      if (!template.longRunning) continue;
      for (const container of template.containers) {
        if (container.init || template.document.at(container.node, 'lifecycle', 'preStop') != null) continue;
        violations.push({
          span: container.span,
          message: `Add a preStop hook to ${container.name} (lifecycle.preStop.sleep.seconds: 5, or exec sleep 5) so it keeps serving while it is removed from the Service endpoints.`,
        });
      }
    }
    return violations;
  },
};
