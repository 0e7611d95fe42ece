import { describe, expect, it } from 'vitest';
import { anchorUrl, docsUrl, getRule, lintCompose, lintDockerfile, lintDockerignore, lintKubernetes, lintProject, rules, type Finding, type Rule } from './index.js';

/** Lints an example the way the rule sees it: in its own language, with the files its examples name. */
function lintExample(rule: Rule, text: string): Finding[] {
  const context = rule.examples.context ?? {};
  switch (rule.appliesTo) {
    case 'dockerfile':
      return lintDockerfile(text);
    case 'dockerignore':
      return context.dockerfile === undefined ? lintDockerignore(text) : lintDockerignore(text, { dockerfile: context.dockerfile });
    case 'compose':
      return lintCompose(text);
    case 'kubernetes':
      return lintKubernetes(text);
  }
}

const cases = (kind: 'good' | 'bad') =>
  rules.flatMap((rule) => rule.examples[kind].map((text, index) => [`${rule.id} ${kind} example ${index + 1}`, rule, text] as const));

describe('rule examples', () => {
  it.each(cases('bad'))('%s fires its rule', (_, rule, text) => {
    expect(lintExample(rule, text).map((finding) => finding.ruleId)).toContain(rule.id);
  });

  it.each(cases('good'))('%s is clean: no finding from any rule', (_, rule, text) => {
    expect(lintExample(rule, text)).toEqual([]);
  });

  it('every rule has at least one good and one bad example', () => {
    for (const rule of rules) {
      expect(rule.examples.good.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.bad.length, rule.id).toBeGreaterThan(0);
    }
  });
});

describe('registry', () => {
  it('has the public ids of the rule table, each once', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let n = 1; n <= 17; n++) expect(ids).toContain(`DF${String(n).padStart(3, '0')}`);
    for (const id of ['DI001', 'DI002', 'DI003', 'DC001', 'DC002', 'DC003', 'DC004', 'DC005']) expect(ids).toContain(id);
  });

  it('describes every rule for the lessons', () => {
    for (const rule of rules) {
      expect(rule.title, rule.id).not.toBe('');
      expect(rule.rationale.length, rule.id).toBeGreaterThan(100);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
    }
  });

  it('finds rules by id and links their pages', () => {
    expect(getRule('df008')?.title).toMatch(/non-root/);
    expect(getRule('XX999')).toBeUndefined();
    expect(docsUrl('DF008')).toBe('/rules/df008/');
    expect(anchorUrl('hadolint DL3002')).toBe('https://github.com/hadolint/hadolint/wiki/DL3002');
    expect(anchorUrl('BuildKit JSONArgsRecommended')).toBe('https://docs.docker.com/reference/build-checks/json-args-recommended/');
    expect(anchorUrl('BuildKit SecretsUsedInArgOrEnv')).toBe('https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/');
    expect(anchorUrl('Trivy DS-0002')).toBeUndefined();
  });
});

describe('findings', () => {
  it('carry 1-based ranges, the rule severity and a fix where one is mechanical', () => {
    const findings = lintDockerfile('FROM node:22.23.3-slim\nCMD node server.js\n');
    const df009 = findings.find((finding) => finding.ruleId === 'DF009');
    expect(df009).toMatchObject({ severity: 'error', line: 2, column: 5, endLine: 2, endColumn: 19 });
    expect(df009?.fix).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 19, text: '["node", "server.js"]' });
  });

  it('point at the right line and column inside continued instructions', () => {
    const text = 'FROM node:22.23.3-slim\nRUN apt-get update \\\n  # a comment inside the continuation\n  && npm install\n';
    const df006 = lintDockerfile(text).find((finding) => finding.ruleId === 'DF006');
    expect(df006).toMatchObject({ line: 4, column: 10, endLine: 4, endColumn: 17 });
    expect(df006?.fix?.text).toBe('ci');
  });

  it('lintProject adds the cross-file rules: a missing .dockerignore, and a copied path it ignores', () => {
    const dockerfile = 'FROM node:22.23.3-slim\nCOPY tsconfig.json ./\n';
    expect(lintProject({ dockerfile }).filter((f) => f.ruleId === 'DI001')).toMatchObject([{ document: 'dockerfile', line: 1 }]);
    const di003 = lintProject({ dockerfile, dockerignore: 'node_modules\n*.json\n' }).filter((f) => f.ruleId === 'DI003');
    expect(di003).toMatchObject([{ document: 'dockerignore', line: 2, column: 1, endColumn: 7 }]);
  });

  it('lintProject accepts compose init: true as the init process DF016 asks for', () => {
    const dockerfile = 'FROM node:22.23.3-slim\nUSER node\nCMD ["node", "server.js"]\n';
    expect(lintProject({ dockerfile }).map((f) => f.ruleId)).toContain('DF016');
    const compose = 'services:\n  api:\n    build: .\n    init: true\n';
    expect(lintProject({ dockerfile, compose }).map((f) => f.ruleId)).not.toContain('DF016');
  });
});

describe('rule behaviour beyond the examples', () => {
  const ids = (findings: Finding[]) => findings.map((finding) => finding.ruleId);
  const only = (id: string, findings: Finding[]) => findings.filter((finding) => finding.ruleId === id);

  it('DF001 expands ARG defaults in FROM, including ${VAR:-default}', () => {
    expect(ids(lintDockerfile('ARG V=22.23.3\nFROM node:${V}-slim\n'))).not.toContain('DF001');
    expect(only('DF001', lintDockerfile('ARG V\nFROM node:${V:-22}-slim\n'))[0]?.message).toMatch(/moving tag :22-slim/);
  });

  it('DF004 accepts NODE_ENV=production set before npm ci, and follows node_modules through COPY --from', () => {
    expect(ids(lintDockerfile('FROM node:22.23.3-slim\nENV NODE_ENV=production\nRUN npm ci\n'))).not.toContain('DF004');
    const findings = only('DF004', lintDockerfile('FROM node:22.23.3-slim AS deps\nWORKDIR /app\nRUN npm ci\nFROM node:22.23.3-slim\nCOPY --from=deps /app/node_modules ./node_modules\n'));
    expect(findings).toMatchObject([{ line: 3, message: expect.stringContaining('copies it on line 5'), fix: { line: 3, column: 11, endColumn: 11, text: ' --omit=dev' } }]);
  });

  it('DF003 follows COPY --from into the build stage: its whole working directory, or its sources', () => {
    const build = 'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22.23.3-slim\nWORKDIR /app\n';
    expect(only('DF003', lintDockerfile(`${build}COPY --from=build /app ./\n`))).toMatchObject([{ line: 8, column: 19, endColumn: 23, message: expect.stringContaining("build stage's whole working directory") }]);
    expect(only('DF003', lintDockerfile(`${build}COPY --from=build /app/dist ./dist\nCOPY --from=build /app/tsconfig.json ./\n`))).toMatchObject([{ line: 9, message: expect.stringContaining('compiler configuration') }]);
    // A dependencies stage that copied only manifests may be copied whole.
    const deps = 'FROM node:22.23.3-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n\nFROM node:22.23.3-slim\nWORKDIR /app\nCOPY --from=deps /app ./\n';
    expect(ids(lintDockerfile(deps))).not.toContain('DF003');
  });

  it('DF007 gives a non-root install a cache mount it owns', () => {
    const asNode = (run: string) => lintDockerfile(`FROM node:22.23.3-slim\nUSER node\nWORKDIR /home/node/app\n${run}\n`);
    expect(only('DF007', asNode('RUN npm ci --omit=dev'))).toMatchObject([{ line: 4, fix: { text: ' --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000' } }]);
    expect(only('DF007', asNode('RUN --mount=type=cache,target=/home/node/.npm npm ci --omit=dev'))).toMatchObject([{ line: 4, column: 5, message: expect.stringContaining('uid=1000,gid=1000') }]);
    expect(ids(asNode('RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci --omit=dev'))).not.toContain('DF007');
    const asApp = only('DF007', lintDockerfile('FROM node:22.23.3-slim\nUSER app\nRUN npm ci --omit=dev\n'));
    expect(asApp).toMatchObject([{ message: expect.stringContaining('uid=<its uid>') }]);
    expect(asApp[0]?.fix).toBeUndefined();
  });

  it('DF009 and DF011 treat a malformed JSON array as the shell form Docker runs it as', () => {
    expect(only('DF009', lintDockerfile('FROM node:22.23.3-slim\nCMD ["node" "server.js"]\n'))).toHaveLength(1);
    expect(only('DF009', lintDockerfile("FROM node:22.23.3-slim\nCMD ['node', 'server.js']\n"))[0]?.fix?.text).toBe('["node", "server.js"]');
    const healthcheck = only('DF011', lintDockerfile('FROM node:22.23.3-slim\nHEALTHCHECK --start-period=5s CMD ["node" "health.js"]\n'));
    expect(healthcheck.map((finding) => finding.message)).toEqual([expect.stringMatching(/exec form/)]);
  });

  it('DI003 reports a copied directory whose contents are all excluded', () => {
    const findings = lintDockerignore('node_modules\n.git\n.env\n.env.*\ndist\ntests\nsrc/**\n', { dockerfile: 'FROM node:22.23.3-slim\nCOPY src ./src\n' });
    expect(findings).toMatchObject([{ ruleId: 'DI003', line: 7, message: expect.stringContaining('excludes everything inside src') }]);
  });

  it('DI003 stays quiet when a later exception re-includes the copied path', () => {
    const findings = lintDockerignore('node_modules\n.git\n.env\n.env.*\ndist\ntests\n*.json\n!package.json\n', { dockerfile: 'FROM node:22.23.3-slim\nCOPY package.json ./\n' });
    expect(ids(findings)).not.toContain('DI003');
  });

  it('DC006 reads Compose interpolation defaults and offers the grace period it needs', () => {
    const compose = 'services:\n  api:\n    build: .\n    mem_limit: 512m\n    stop_grace_period: 10s\n    environment:\n      SHUTDOWN_DRAIN_MS: ${SHUTDOWN_DRAIN_MS:-5000}\n      SHUTDOWN_TIMEOUT_MS: "10000"\n';
    expect(only('DC006', lintCompose(compose))).toMatchObject([{ line: 5, column: 24, fix: { text: '20s' } }]);
  });

  it('KS003 adds the preStop sleep and the container timings, and fixes the grace period', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 10\n  containers:\n    - name: app\n      env:\n        - name: SHUTDOWN_TIMEOUT_MS\n          value: "9000"\n      lifecycle:\n        preStop:\n          exec:\n            command: ["/bin/sh", "-c", "sleep 6"]\n';
    expect(only('KS003', lintKubernetes(manifest))).toMatchObject([{ line: 6, fix: { text: '20' }, message: expect.stringContaining('preStop sleep 6 s + deadline 9 s + 5 s margin') }]);
  });

  it('KS rules read every document of a multi-document file', () => {
    const manifests = `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\n${lintableDeploymentWithout('readinessProbe')}`;
    expect(only('KS001', lintKubernetes(manifests))).toMatchObject([{ line: expect.any(Number), message: expect.stringContaining('readinessProbe') }]);
  });
});

function lintableDeploymentWithout(key: string): string {
  const rule = getRule('KS001');
  const good = rule?.examples.good[0] ?? '';
  return good.replace(new RegExp(` {10}${key}:\\n(?: {12}.*\\n)+`), '');
}

describe('DI002 with the Dockerfile it serves', () => {
  it('does not demand excluding build output or tests that the Dockerfile copies by name', () => {
    const dockerignore = 'node_modules\n.git\n.env\n.env.*\n';
    const prebuilt = 'FROM node:22.23.3-slim\nCOPY dist ./dist\nCOPY tests ./tests\n';
    expect(lintDockerignore(dockerignore).map((finding) => finding.message)).toEqual([expect.stringContaining('"dist"'), expect.stringContaining('"tests"')]);
    expect(lintDockerignore(dockerignore, { dockerfile: prebuilt })).toEqual([]);
  });

  it('asks for **/node_modules when the Dockerfile copies from workspaces', () => {
    const monorepo = 'FROM node:22.23.3-slim\nCOPY package.json package-lock.json ./\nCOPY packages/api/package.json packages/api/\nCOPY packages/api/src packages/api/src\n';
    const rootOnly = 'node_modules\n.git\n.env\n.env.*\ndist\ntests\n';
    expect(lintDockerignore(rootOnly, { dockerfile: monorepo })).toMatchObject([
      { ruleId: 'DI002', line: 7, message: expect.stringContaining('packages/api/node_modules is not excluded'), fix: { text: '**/node_modules\n' } },
    ]);
    expect(lintDockerignore(rootOnly.replace('node_modules', '**/node_modules'), { dockerfile: monorepo })).toEqual([]);
    expect(lintDockerignore(rootOnly, { dockerfile: 'FROM node:22.23.3-slim\nCOPY package.json ./\nCOPY src ./src\n' })).toEqual([]);
  });
});
