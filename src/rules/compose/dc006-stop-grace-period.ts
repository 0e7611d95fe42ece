import { appShutdownSeconds, describeBudget, shutdownBudget, SHUTDOWN_MARGIN_SECONDS } from '../shutdown-budget.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { composeServices, environmentEntries } from './services.js';

const DEFAULT_STOP_GRACE_SECONDS = 10;

/** Seconds in a Compose duration such as `30s`, `1m30s` or `1.5m`; undefined when unreadable. */
function durationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (!/^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount = '0', unit = 's'] of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)) total += Number(amount) * (units[unit] ?? 0);
  return total;
}

export const dc006Docs = (): RuleDocs => ({
  rationale: `\`docker compose stop\` (and \`down\`, and every redeploy) sends SIGTERM, waits \`stop_grace_period\`, 10 seconds by default, then sends SIGKILL. If the app's graceful shutdown (a drain delay while readiness reports 503, then a deadline for in-flight requests) takes longer than that, it is killed half-way and the requests it was finishing fail anyway.

When a service sets its shutdown timings in the environment (\`SHUTDOWN_DRAIN_MS\`, \`SHUTDOWN_TIMEOUT_MS\`, as this course's apps do), this rule checks that \`stop_grace_period\` is at least their sum plus ${SHUTDOWN_MARGIN_SECONDS} seconds for flushing logs and exiting.`,
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
      SHUTDOWN_DRAIN_MS: "5000"
      SHUTDOWN_TIMEOUT_MS: "15000"
`,
    ],
    bad: [`services:\n  api:\n    build: .\n    init: true\n    mem_limit: 512m\n    environment:\n      SHUTDOWN_DRAIN_MS: "5000"\n      SHUTDOWN_TIMEOUT_MS: "15000"\n`],
  },
});

export const dc006: RuleCheck = {
  id: 'DC006',
  title: "stop_grace_period covers the app's shutdown time",
  severity: 'warning',
  appliesTo: 'compose',
  check({ compose }) {
    const violations: Violation[] = [];
    for (const service of compose ? composeServices(compose) : []) {
      const environment = new Map(environmentEntries(service).map(({ name, value }) => [name, value]));
      const budget = shutdownBudget(environment);
      const appSeconds = appShutdownSeconds(budget);
      if (appSeconds === 0) continue;
      const needed = Math.ceil(appSeconds + SHUTDOWN_MARGIN_SECONDS);
      const { document } = service;
      const setting = document.get(service.node, 'stop_grace_period');
      const configured = setting ? durationSeconds(document.text(setting.value) ?? '') : DEFAULT_STOP_GRACE_SECONDS;
      if (configured === undefined || configured >= needed) continue;
      const message = `${service.name} needs ${needed} s to shut down (${describeBudget(budget)}), but Compose sends SIGKILL after ${configured} s: set stop_grace_period: ${needed}s.`;
      violations.push(
        setting
          ? { span: document.span(setting.value), message, fix: { ...document.span(setting.value), text: `${needed}s` } }
          : { span: document.span(service.pair.key), message },
      );
    }
    return violations;
  },
};
