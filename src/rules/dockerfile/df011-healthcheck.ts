import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { commandForm, finalStage, flag, inheritedInstructions } from './document.js';
import { toExecForm } from './exec-form.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df011Docs = (): RuleDocs => ({
  rationale: `A running process is not a working app: the event loop can be stuck, or the server can have stopped listening. \`HEALTHCHECK\` lets Docker (and Compose's \`depends_on: condition: service_healthy\`, and Swarm) find out by running a probe inside the container and marking it \`unhealthy\` after repeated failures. Kubernetes ignores it and uses its own probes, so it documents the contract there too.

- Probe the liveness endpoint, \`/health\`: cheap, and failing only when this process is broken. Readiness (\`/health/ready\`, which also checks dependencies) is for load balancers.
- Use the exec form with \`node\` itself, \`HEALTHCHECK CMD ["node", "healthcheck.js"]\`: slim images have no \`curl\` or \`wget\`, and the shell form needs \`/bin/sh\`.
- Set \`--start-period\` to cover startup, so that probes failing while the app boots are not counted.
- Only the last \`HEALTHCHECK\` in a stage takes effect, and \`HEALTHCHECK NONE\` switches off one inherited from the base image.`,
  anchors: ['Trivy DS-0026', 'Trivy DS-0023', 'hadolint DL3057', 'hadolint DL3012'],
  examples: {
    good: [
      GOOD_DOCKERFILE.replace(
        /^HEALTHCHECK .*$/m,
        `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
      ),
    ],
    bad: [
      'FROM node:22.23.3-slim\nUSER node\nCMD ["node", "server.js"]\n',
      'FROM node:22.23.3-slim\nHEALTHCHECK --start-period=10s CMD curl -f http://localhost:3000/health || exit 1\n',
      'FROM node:22.23.3-slim\nHEALTHCHECK CMD ["node", "healthcheck.js"]\n',
      'FROM node:22.23.3-slim\nHEALTHCHECK NONE\n',
      'FROM node:22.23.3-slim\nHEALTHCHECK --start-period=10s CMD ["node", "-e", "fetch(\'http://127.0.0.1:3000/health/ready\').then((r) => process.exit(r.ok ? 0 : 1))"]\n',
    ],
  },
});

export const df011: RuleCheck = {
  id: 'DF011',
  title: 'One HEALTHCHECK in exec form, with a start period, probing /health',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!last) return [];
    const healthchecks = inheritedInstructions(last).filter((instruction) => instruction.keyword === 'HEALTHCHECK');
    const effective = healthchecks.pop();
    if (!effective) {
      return [{ span: last.from.span, message: 'Add a HEALTHCHECK to the final stage, e.g. HEALTHCHECK --start-period=10s CMD ["node", "healthcheck.js"], probing /health.' }];
    }
    const violations: Violation[] = healthchecks.map((instruction) => ({
      span: instruction.span,
      message: `Only the last HEALTHCHECK (line ${effective.span.line}) takes effect: remove this one.`,
    }));
    const text = effective.args.text;
    if (/^\s*NONE\s*$/i.test(text)) {
      violations.push({ span: effective.span, message: 'HEALTHCHECK NONE switches health checking off: probe /health instead.' });
      return violations;
    }
    const cmd = /^\s*CMD\b/i.exec(text);
    if (!cmd) return violations;
    const commandStart = cmd[0].length;
    const command = text.slice(commandStart);
    if (commandForm(command).form !== 'exec') {
      const offset = commandStart + (command.length - command.trimStart().length);
      const span = effective.args.span(offset, text.length);
      const exec = toExecForm(command);
      const violation: Violation = {
        span,
        message: `Use the exec form, HEALTHCHECK CMD ["node", …]: the shell form needs /bin/sh, and slim images have no curl or wget to call.`,
      };
      if (exec) violation.fix = { ...span, text: exec };
      violations.push(violation);
    }
    if (!flag(effective, 'start-period')) {
      violations.push({ span: effective.keywordSpan, message: 'Add --start-period (e.g. --start-period=10s) so failed probes while the app starts do not count against it.' });
    }
    if (!/health/i.test(command)) {
      violations.push({ span: effective.args.span(commandStart, text.length), message: 'Probe the liveness endpoint, /health (or a health-check script that does).' });
    } else if (/\/(health\/)?ready\b|\/readyz\b|\/readiness\b/i.test(command)) {
      // A readiness probe fails whenever a dependency is down, so as a health check it would
      // mark every container unhealthy during one database outage.
      violations.push({ span: effective.args.span(commandStart, text.length), message: 'This probes readiness, which fails when a dependency is down: probe the liveness endpoint, /health, instead.' });
    }
    return violations;
  },
};
