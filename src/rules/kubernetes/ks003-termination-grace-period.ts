import { appShutdownSeconds, describeBudget, shutdownBudget, SHUTDOWN_MARGIN_SECONDS } from '../shutdown-budget.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DEPLOYMENT } from './example-deployment.js';
import { podTemplates, preStopSeconds } from './workloads.js';

const DEFAULT_GRACE_SECONDS = 30;

export const ks003Docs = (): RuleDocs => ({
  rationale: `\`terminationGracePeriodSeconds\` (30 by default) is the whole budget from the moment a pod starts terminating to SIGKILL, and the preStop hook's time counts against it. So the budget must cover, one after another: the preStop sleep, the app's drain delay (readiness already 503, still serving), its deadline for in-flight requests, and a margin for flushing logs and exiting. If it does not, the kubelet kills the app in the middle of its graceful shutdown.

This rule adds the preStop sleep and the app's timings, read from the container's \`SHUTDOWN_DRAIN_MS\` and \`SHUTDOWN_TIMEOUT_MS\` environment variables when the manifest sets them, plus ${SHUTDOWN_MARGIN_SECONDS} seconds, and compares the sum with the grace period.`,
  anchors: [],
  examples: {
    good: [GOOD_DEPLOYMENT],
    bad: [GOOD_DEPLOYMENT.replace('      terminationGracePeriodSeconds: 40\n', ''), GOOD_DEPLOYMENT.replace('value: "25000"', 'value: "45000"')],
  },
});

export const ks003: RuleCheck = {
  id: 'KS003',
  title: 'terminationGracePeriodSeconds covers preStop, drain and shutdown deadline',
  severity: 'error',
  appliesTo: 'kubernetes',
  check({ kubernetes }) {
    const violations: Violation[] = [];
    for (const template of kubernetes ? podTemplates(kubernetes) : []) {
      if (!template.longRunning) continue;
      const { document } = template;
      const setting = document.get(template.spec, 'terminationGracePeriodSeconds');
      const configured = setting ? Number(document.scalar(setting.value)) : DEFAULT_GRACE_SECONDS;
      if (!Number.isFinite(configured)) continue;
      let worst: { needed: number; explanation: string } | undefined;
      for (const container of template.containers) {
        if (container.init) continue;
        const preStop = preStopSeconds(document, container.node);
        const budget = shutdownBudget(container.env);
        const app = appShutdownSeconds(budget);
        if (preStop === 0 && app === 0) continue;
        const needed = Math.ceil(preStop + app + SHUTDOWN_MARGIN_SECONDS);
        if (!worst || needed > worst.needed) worst = { needed, explanation: `${container.name}: ${describeBudget(budget, preStop)}` };
      }
      if (!worst || configured >= worst.needed) continue;
      const message = `The pod is killed ${configured} s after termination starts${setting ? '' : ' (the default)'}, but shutting down needs ${worst.needed} s (${worst.explanation}): set terminationGracePeriodSeconds: ${worst.needed}.`;
      violations.push(
        setting
          ? { span: document.span(setting.value), message, fix: { ...document.span(setting.value), text: String(worst.needed) } }
          : { span: template.span, message },
      );
    }
    return violations;
  },
};
