import { parseImageReference } from '../dockerfile/df001-pinned-base-image.js';
import { isSecretName, secretValueKind } from '../secrets.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { composeServices, environmentEntries } from './services.js';

export const dc004Docs = (): RuleDocs => ({
  rationale: `\`image: redis\` means \`redis:latest\`: whatever was newest when each machine last pulled, so two developers (or a developer and CI) run different versions without knowing. Name the version you tested, \`redis:7.4.1-alpine\`.

A compose file is committed and shared, so a password written into its \`environment:\` is effectively public. Reference a variable instead, \`POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\`, which Compose fills from your shell or an uncommitted \`.env\` file, or use Compose \`secrets:\`, which mounts the value as a file under \`/run/secrets/\`.`,
  anchors: ['dclint service-image-require-explicit-tag'],
  examples: {
    good: [
      `services:
  db:
    image: postgres:16.6-bookworm
    mem_limit: 1g
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "app"]
secrets:
  db_password:
    environment: POSTGRES_PASSWORD
`,
    ],
    bad: [
      `services:\n  cache:\n    image: redis\n    mem_limit: 256m\n`,
      `services:\n  db:\n    image: postgres:16.6-bookworm\n    mem_limit: 1g\n    environment:\n      POSTGRES_PASSWORD: postgres\n`,
      `services:\n  api:\n    build: .\n    mem_limit: 512m\n    environment:\n      - DATABASE_URL=postgres://app:s3cr3t@db:5432/app\n`,
    ],
  },
});

export const dc004: RuleCheck = {
  id: 'DC004',
  title: 'Images are tagged explicitly, and no secrets are written into the file',
  severity: 'warning',
  appliesTo: 'compose',
  check({ compose }) {
    const violations: Violation[] = [];
    for (const service of compose ? composeServices(compose) : []) {
      const { document, node } = service;
      const image = document.at(node, 'image');
      const reference = document.text(image);
      // With build:, image: names the image Compose builds, not one it pulls.
      if (reference !== undefined && document.at(node, 'build') == null && !reference.includes('$')) {
        const { tag, digest } = parseImageReference(reference);
        if (digest === undefined && (tag === undefined || tag === 'latest')) {
          violations.push({ span: document.span(image), message: `${reference} floats with every release: name the version you tested, e.g. ${parseImageReference(reference).name}:<version>.` });
        }
      }
      for (const { name, value, span } of environmentEntries(service)) {
        if (value === undefined || value === '' || value.includes('${') || /^\$[A-Za-z_]/.test(value)) continue;
        const kind = secretValueKind(value);
        if (!kind && !isSecretName(name)) continue;
        violations.push({
          span,
          message: `${name} ${kind ? `looks like ${kind}` : 'is a secret'} written into the compose file: use ${name}: \${${name}} from an uncommitted .env file, or Compose secrets:.`,
        });
      }
    }
    return violations;
  },
};
