import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { composeServices, type ComposeService } from './services.js';

/** Whether Compose can tell the service is healthy: a healthcheck here, or one from its own Dockerfile. */
function canBeHealthy(service: ComposeService): boolean {
  const { document, node } = service;
  const healthcheck = document.at(node, 'healthcheck');
  if (healthcheck != null) {
    const test = document.at(healthcheck, 'test');
    const disabled = document.scalar(document.at(healthcheck, 'disable')) === true || document.text(document.items(test)[0]) === 'NONE' || document.text(test) === 'NONE';
    return !disabled;
  }
  // A service built here gets the HEALTHCHECK of its Dockerfile, which DF011 checks.
  return document.at(node, 'build') != null;
}

export const dc003Docs = (): RuleDocs => ({
  rationale: `A plain \`depends_on: [db]\` only orders container start-up: the API starts the moment the database container exists, long before Postgres accepts connections, and its first queries fail. With the long form and \`condition: service_healthy\`, Compose waits until the dependency's healthcheck passes:

\`\`\`yaml
depends_on:
  db:
    condition: service_healthy
\`\`\`

That only works when the dependency has a healthcheck, for instance \`pg_isready\` for Postgres or \`redis-cli ping\` for Redis (a service built from a Dockerfile can rely on the Dockerfile's \`HEALTHCHECK\`). Use \`service_completed_successfully\` for one-off jobs such as migrations. Your app should still retry connections: dependencies restart in production too.`,
  anchors: [],
  examples: {
    good: [
      `services:
  api:
    build: .
    init: true
    stop_grace_period: 30s
    mem_limit: 512m
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.6-bookworm
    mem_limit: 1g
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 5s
      retries: 5
      start_period: 10s
`,
    ],
    bad: [
      `services:\n  api:\n    build: .\n    mem_limit: 512m\n    depends_on:\n      - db\n  db:\n    image: postgres:16.6-bookworm\n    mem_limit: 1g\n`,
      `services:\n  api:\n    build: .\n    mem_limit: 512m\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16.6-bookworm\n    mem_limit: 1g\n`,
    ],
  },
});

export const dc003: RuleCheck = {
  id: 'DC003',
  title: 'depends_on waits for healthy dependencies',
  severity: 'error',
  appliesTo: 'compose',
  check({ compose }) {
    if (!compose) return [];
    const services = composeServices(compose);
    const byName = new Map(services.map((service) => [`${compose.documents.indexOf(service.document)}/${service.name}`, service]));
    const violations: Violation[] = [];
    for (const service of services) {
      const { document } = service;
      const dependsOn = document.at(service.node, 'depends_on');
      if (dependsOn == null) continue;
      const listed = document.items(dependsOn);
      if (document.seq(dependsOn)) {
        for (const item of listed) {
          violations.push({
            span: document.span(item),
            message: `The short form only orders start-up: write depends_on: { ${document.text(item) ?? 'service'}: { condition: service_healthy } } so ${service.name} waits until it is healthy.`,
          });
        }
        continue;
      }
      for (const { key, pair, value } of document.entries(dependsOn)) {
        const condition = document.text(document.at(value, 'condition'));
        if (condition === 'service_completed_successfully') continue;
        if (condition !== 'service_healthy') {
          violations.push({
            span: document.span(pair.key),
            message: `With condition ${condition ?? 'service_started'}, ${service.name} starts before ${key} is ready: use condition: service_healthy.`,
          });
          continue;
        }
        const target = byName.get(`${compose.documents.indexOf(document)}/${key}`);
        if (target && !canBeHealthy(target)) {
          violations.push({
            span: document.span(pair.key),
            message: `${key} has no healthcheck, so it can never become healthy and ${service.name} never starts: give ${key} a healthcheck (e.g. pg_isready for Postgres).`,
          });
        }
      }
    }
    return violations;
  },
};
