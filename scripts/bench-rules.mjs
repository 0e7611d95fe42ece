// Prints the rules engine's figures: how long linting a realistic 200-line Dockerfile takes in
// Node (median of many runs), and how much the engine weighs when bundled for the browser.
// Targets from issue 3: median under 2 ms; at most 60 kB gzip shipped to the browser.
// Figures only, no assertions. Run: node scripts/bench-rules.mjs
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { minify } from 'terser';
import { BROWSER_ALIASES, esbuildNoSideEffects } from './browser-build.mjs';
import { NODE_BUNDLE } from './node-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const WARM_UP_RUNS = 100;
const MEASURED_RUNS = 1000;

const WORKSPACES = ['shared', 'config', 'db', 'queue', 'mailer', 'api', 'worker'];
const SYSTEM_PACKAGES = ['ca-certificates', 'curl', 'git', 'openssl', 'python3', 'make', 'g++', 'tini', 'tzdata', 'libvips-dev', 'procps', 'gnupg', 'jq', 'unzip', 'xz-utils', 'locales', 'fontconfig', 'fonts-dejavu-core', 'libssl-dev'];

/**
 * A monorepo's multi-stage Dockerfile of the size and shape real projects reach: seven workspaces,
 * line continuations, comments, labels and environment blocks. About 200 lines.
 */
function realisticDockerfile() {
  const lines = [
    '# syntax=docker/dockerfile:1',
    '# Production image for the API and its background worker (npm workspaces monorepo).',
    'ARG NODE_VERSION=22.23.3',
    '',
    '# ---- base: system packages shared by every stage ----',
    'FROM node:${NODE_VERSION}-slim AS base',
    'WORKDIR /app',
    'ENV NPM_CONFIG_UPDATE_NOTIFIER=false \\',
    '    NPM_CONFIG_FUND=false',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    ...SYSTEM_PACKAGES.map((name) => `       ${name} \\`),
    '    && rm -rf /var/lib/apt/lists/*',
    '',
  ];
  const manifests = (stage) => [
    `# ${stage}: manifests first, so the install layer stays cached until they change`,
    'COPY package.json package-lock.json .npmrc ./',
    ...WORKSPACES.map((name) => `COPY packages/${name}/package.json packages/${name}/`),
  ];
  lines.push('# ---- deps: production dependencies only ----', 'FROM base AS deps', ...manifests('deps'));
  lines.push('RUN --mount=type=cache,target=/root/.npm \\', '    npm ci --omit=dev --no-audit', '');
  lines.push('# ---- build: every dependency, then compile each workspace ----', 'FROM base AS build', ...manifests('build'));
  lines.push('RUN --mount=type=cache,target=/root/.npm \\', '    npm ci --no-audit', 'COPY tsconfig.json tsconfig.build.json ./');
  for (const name of WORKSPACES) {
    lines.push(
      `# ${name}: compile and check that the entry point exists`,
      `COPY packages/${name}/tsconfig.json packages/${name}/`,
      `COPY packages/${name}/src packages/${name}/src`,
      `RUN npm run build --workspace packages/${name} \\`,
      `    && test -f packages/${name}/dist/index.js \\`,
      `    && echo "built ${name}"`,
    );
  }
  lines.push('', '# ---- test: lint and unit tests; CI builds this target, production never includes it ----', 'FROM build AS test');
  for (const name of WORKSPACES) {
    lines.push(`RUN npm run lint --workspace packages/${name} \\`, `    && npm test --workspace packages/${name} -- --reporter=dot`);
  }
  lines.push('', '# ---- production: compiled output and production dependencies only ----', 'FROM node:${NODE_VERSION}-slim AS production');
  lines.push('ARG GIT_SHA=unknown', 'ARG BUILD_DATE=unknown');
  lines.push('LABEL org.opencontainers.image.title="api" \\');
  for (const key of ['description', 'url', 'source', 'documentation', 'vendor', 'authors', 'ref.name', 'base.name']) {
    lines.push(`      org.opencontainers.image.${key}="${key} of the api image" \\`);
  }
  lines.push('      org.opencontainers.image.revision="${GIT_SHA}" \\', '      org.opencontainers.image.created="${BUILD_DATE}" \\');
  lines.push('      org.opencontainers.image.licenses="MIT"');
  lines.push('# Defaults only: every value can be overridden at run time.');
  lines.push('ENV NODE_ENV=production \\', '    HOST=0.0.0.0 \\', '    PORT=8080 \\');
  const defaults = ['LOG_LEVEL=info', 'SHUTDOWN_DRAIN_MS=5000', 'SHUTDOWN_TIMEOUT_MS=15000', 'QUEUE_CONCURRENCY=4', 'DB_POOL_MIN=2', 'DB_POOL_MAX=10'];
  defaults.push('HTTP_KEEP_ALIVE_MS=5000', 'REQUEST_TIMEOUT_MS=30000', 'METRICS_PORT=9464', 'TZ=UTC', 'LANG=C.UTF-8', 'OTEL_SERVICE_NAME=api');
  defaults.push('MAIL_FROM=noreply@example.com', 'CACHE_TTL_S=60', 'RATE_LIMIT_RPS=50', 'UPLOAD_LIMIT_MB=10', 'FEATURE_FLAGS=');
  for (const name of defaults) {
    lines.push(`    ${name} \\`);
  }
  lines.push('    NODE_OPTIONS=--max-old-space-size=384');
  lines.push('WORKDIR /app');
  lines.push('RUN groupadd --gid 1001 app \\', '    && useradd --uid 1001 --gid app --no-create-home --shell /usr/sbin/nologin app');
  lines.push('COPY --from=base /usr/bin/tini /usr/bin/tini', 'COPY package.json ./', 'COPY --from=deps /app/node_modules ./node_modules');
  for (const name of WORKSPACES) {
    lines.push(
      `# ${name}`,
      `COPY packages/${name}/package.json ./packages/${name}/`,
      `COPY --from=deps /app/packages/${name}/node_modules ./packages/${name}/node_modules`,
      `COPY --from=build /app/packages/${name}/dist ./packages/${name}/dist`,
    );
  }
  lines.push(
    'USER 1001',
    'EXPOSE 8080',
    '# Liveness for Docker; Kubernetes uses its own probes.',
    'HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \\',
    '    CMD ["node", "-e", "fetch(\'http://127.0.0.1:8080/health\').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]',
    '# tini as PID 1 forwards signals and reaps zombies; node handles SIGTERM itself.',
    'ENTRYPOINT ["/usr/bin/tini", "--"]',
    'CMD ["node", "packages/api/dist/index.js"]',
  );
  return `${lines.join('\n')}\n`;
}

async function timeLinting(workDirectory) {
  const outfile = path.join(workDirectory, 'rules.mjs');
  await build({ entryPoints: [path.join(ROOT, 'src/rules/index.ts')], ...NODE_BUNDLE, outfile, logLevel: 'silent' });
  const { lintDockerfile } = await import(pathToFileURL(outfile).href);
  const dockerfile = realisticDockerfile();
  for (let i = 0; i < WARM_UP_RUNS; i++) lintDockerfile(dockerfile);
  const times = [];
  let findings = 0;
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const started = performance.now();
    findings = lintDockerfile(dockerfile).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    `lintDockerfile on a ${dockerfile.split('\n').length - 1}-line Dockerfile (${findings} findings): ` +
      `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms over ${MEASURED_RUNS} runs  [target: median < 2 ms]`,
  );
}

/**
 * Bundles for the browser as the site does (minified ESM, with the aliases and side-effect declarations of browser-build.mjs)
 * and prints the raw and gzip sizes.
 */
async function browserSize(label, input, target) {
  const result = await build({ ...input, alias: BROWSER_ALIASES, plugins: [esbuildNoSideEffects], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  // Minified with terser and the options astro.config.mjs gives it, as the site ships it.
  const { code } = await minify(result.outputFiles[0].text, { module: true, compress: { passes: 2 } });
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`${label}: ${(code.length / 1024).toFixed(1)} kB minified, ${(gzip / 1024).toFixed(1)} kB gzip${target}`);
}

const work = await mkdtemp(path.join(tmpdir(), 'shipshape-bench-'));
try {
  // The bundle keeps its packages external; this link lets it resolve them from the temp dir.
  await symlink(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  await timeLinting(work);
  const target = '  [target: <= 60 kB gzip]';
  // lint.ts is what the browser loads: every check, without the rules' documentation.
  await browserSize('browser bundle of src/rules/lint.ts (every rule)', { entryPoints: [path.join(ROOT, 'src/rules/lint.ts')] }, target);
  await browserSize('browser bundle of src/rules/lint-docker.ts (Dockerfile and .dockerignore rules, no YAML)', { entryPoints: [path.join(ROOT, 'src/rules/lint-docker.ts')] }, target);
  // For scale: what the two third-party parsers weigh on their own, before any rule.
  const parsers = "export { DockerfileParser } from 'dockerfile-ast'; export { CST, Parser } from 'yaml';";
  await browserSize('  of which the parsers alone (dockerfile-ast with its LSP types, yaml\'s parser)', { stdin: { contents: parsers, resolveDir: ROOT, loader: 'js' } }, '');
} finally {
  await rm(work, { recursive: true, force: true });
}
