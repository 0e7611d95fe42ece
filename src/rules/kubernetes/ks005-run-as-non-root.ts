import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';
import { podTemplates } from './workloads.js';

export const ks005Docs = (): RuleDocs => ({
  rationale: `A non-root \`USER\` in the Dockerfile is a default that anyone can undo: another image tag, a debug override, or a base image change. \`securityContext.runAsNonRoot: true\` makes the kubelet refuse to start the container as uid 0, whatever the image says.

Set it on the pod (it applies to every container) or on each container. The kubelet can only verify a numeric user, so either give the image a numeric \`USER\` (\`USER 1001\`) or set \`runAsUser\` too; with \`USER node\` alone the pod fails to start with "image has non-numeric user". \`runAsUser: 0\` is root and is flagged.`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [GOOD_DEPLOYMENT.replace('        runAsNonRoot: true\n', ''), GOOD_DEPLOYMENT.replace('runAsUser: 1001', 'runAsUser: 0')],
  },
});

export const ks005: RuleCheck = {
  id: 'KS005',
  title: 'Pods run as non-root (runAsNonRoot: true)',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    const violations: Violation[] = [];
    for (const template of kubernetes ? podTemplates(kubernetes) : []) {
      const { document, spec } = template;
      const podNonRoot = document.scalar(document.at(spec, 'securityContext', 'runAsNonRoot'));
      const podUser = document.scalar(document.at(spec, 'securityContext', 'runAsUser'));
      for (const container of template.containers) {
        const own = document.at(container.node, 'securityContext', 'runAsNonRoot');
        const nonRoot = own != null ? document.scalar(own) : podNonRoot;
        const userNode = document.at(container.node, 'securityContext', 'runAsUser');
        const user = userNode != null ? document.scalar(userNode) : podUser;
        if (user === 0) {
          violations.push({ span: document.span(userNode ?? document.at(spec, 'securityContext', 'runAsUser')), message: `runAsUser: 0 runs ${container.name} as root: use the image's non-root uid, e.g. runAsUser: 1001.` });
        } else if (nonRoot !== true) {
          violations.push({ span: container.span, message: `Set securityContext.runAsNonRoot: true (on the pod or on ${container.name}) so the kubelet refuses to run it as root.` });
        }
      }
    }
    return violations;
  },
};
