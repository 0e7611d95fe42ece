import { baseName, contextSources } from '../dockerfile/node-project.js';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { cleanPath } from './pattern-matcher.js';

const NODE_MODULES_PROBE = 'node_modules/express/index.js';
const NODE_MODULES_WHY = 'the image installs its own, for its own platform';

/**
 * Paths that must not reach the builder, each with the pattern that keeps it out. Build output
 * and tests are exempt when the Dockerfile copies them by name (a prebuilt dist, a test stage).
 */
const REQUIRED: Array<{ probes: string[]; pattern: string; why: string; unlessCopied?: boolean }> = [
  { probes: ['.env'], pattern: '.env', why: 'it holds credentials' },
  { probes: ['.env.production'], pattern: '.env.*', why: 'they hold credentials' },
  { probes: [NODE_MODULES_PROBE], pattern: 'node_modules', why: NODE_MODULES_WHY },
  { probes: ['.git/HEAD'], pattern: '.git', why: 'history and secrets ever committed stay out of the image' },
  { probes: ['dist/server.js'], pattern: 'dist', why: 'the build stage produces it from the sources', unlessCopied: true },
  {
    probes: ['test/app.test.js', 'tests/app.test.js', '__tests__/app.test.js', 'src/app.test.js', 'src/app.spec.ts'],
    pattern: 'tests',
    why: 'the image does not run them',
    unlessCopied: true,
  },
];

/**
 * The workspaces the Dockerfile copies a package.json from (`packages/api` for
 * `COPY packages/api/package.json packages/api/`): each may hold a node_modules of its own on
 * the developer's machine.
 */
function workspaceFolders(copied: readonly string[]): string[] {
  const folders = copied.filter((path) => baseName(path) === 'package.json' && path.includes('/')).map((path) => path.slice(0, path.lastIndexOf('/')));
  return [...new Set(folders)];
}

export const di002Docs = (): RuleDocs => ({
  rationale: `Whatever is not excluded is sent to the builder, and \`COPY . .\` puts it in a layer. Some things must never get there:

- \`.env\` and \`.env.*\`: real credentials, which anyone who pulls the image could read.
- \`node_modules\`: the image installs its own with \`npm ci\`, and a copy from your machine may hold native binaries for the wrong platform, overwriting the right ones.
- \`.git\`: the whole history, including secrets that were committed once and removed.
- Build output (\`dist\`) and tests: the build stage compiles from sources, and the final image never runs tests. (When the Dockerfile copies them by name, as with a \`dist\` built by CI or a test stage, the rule leaves them alone.)

Docker's matching is not \`.gitignore\`'s: a pattern is anchored at the root of the context, so \`node_modules\` excludes \`./node_modules\` but not \`packages/api/node_modules\`; write \`**/node_modules\` for a monorepo. \`*\` never crosses \`/\`, and a later \`!pattern\` re-includes. The rule checks representative paths with Docker's own matching rules, so an allow-list style file (\`*\` followed by \`!src\`, \`!package*.json\`) passes too.`,
  anchors: [],
  examples: {
    good: [
      '# Dependencies and build output are recreated inside the image\nnode_modules\ndist\ncoverage\n\n# Never send credentials or history to the builder\n.env\n.env.*\n.git\n\n# Tests, editor files and logs\ntests\n**/*.test.ts\n.vscode\n*.log\n',
      '# Allow-list: exclude everything, then re-include what the build reads\n*\n!package.json\n!package-lock.json\n!src\n!tsconfig.json\n**/*.test.ts\n',
    ],
    bad: ['node_modules\n', '**/node_modules\n.git\n.env\ndist\ntests\n', '.env*\n!.env.production\nnode_modules\n.git\ndist\ntests\n'],
  },
});

export const di002: RuleCheck = {
  id: 'DI002',
  title: '.dockerignore excludes .env files, node_modules, .git, build output and tests',
  severity: 'error',
  appliesTo: 'dockerignore',
  check({ dockerignore, dockerfile }) {
    if (!dockerignore || dockerignore.entries.length === 0) return [];
    const { matcher, lines, text } = dockerignore;
    const copied = (dockerfile?.instructions ?? []).flatMap((instruction) => contextSources(instruction).map((source) => cleanPath(source.value.replace(/^\/+/, ''))));
    const isCopied = (probe: string) => copied.some((path) => path !== '.' && (probe === path || probe.startsWith(`${path}/`)));
    const end = lines.position(text.length);
    const atEnd = { line: end.line, column: end.column, endLine: end.line, endColumn: end.column };
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    const violations: Violation[] = [];
    /** Asks for a pattern because a path gets through, offering to append it as a line of its own. */
    const ask = (pattern: string, missed: string, why: string, note = '') =>
      violations.push({ span: atEnd, message: `Add "${pattern}" to .dockerignore (${missed} is not excluded${note}): ${why}.`, fix: { ...atEnd, text: `${separator}${pattern}\n` } });
    for (const { probes, pattern, why, unlessCopied } of REQUIRED) {
      if (probes.some((probe) => matcher.matches(probe) || (unlessCopied && isCopied(probe)))) continue;
      ask(pattern, probes[0]!, why);
    }
    // A monorepo's workspaces keep node_modules of their own, which a root-only pattern misses.
    const nested = workspaceFolders(copied).find((folder) => !matcher.matches(`${folder}/${NODE_MODULES_PROBE}`));
    if (matcher.matches(NODE_MODULES_PROBE) && nested) {
      ask('**/node_modules', `${nested}/node_modules`, NODE_MODULES_WHY, ', and "node_modules" matches only the one at the root');
    }
    return violations;
  },
};
