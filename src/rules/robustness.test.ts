import { describe, expect, it } from 'vitest';
import { df008 } from './dockerfile/df008-non-root-user.js';
import { runRules } from './engine.js';
import { parseDockerfile } from './dockerfile/document.js';
import { lintCompose, lintDockerfile, lintDockerignore, lintKubernetes, lintProject, rules, type Finding } from './index.js';
import type { RuleCheck } from './types.js';
import { seededRandom as random } from './seeded-random.js';

/** Fragments that have broken Dockerfile, YAML and ignore-file parsers before. */
const HOSTILE = [
  '\\\n', '\\', '`\n', '\r\n', '\r', '\0', '\uFEFF', '\uD800', '"', "'", '[', ']', '["node" "x"]', '{', '}', '${', '$(', '<<EOF\n', '<<-EOF\n', 'EOF\n',
  '# escape=`\n', '# syntax=docker/dockerfile:1\n', '# check=error=true\n', 'FROM ', 'FROM node AS a\n', 'COPY --from=a ', 'RUN --mount=type=cache,target= ',
  'HEALTHCHECK CMD ', 'ONBUILD ', 'FOO bar\n', '\t', ' ', '\n\n\n', '&&', '||', '|', ';', '>', '2>&1', '*', '**', '?', '!', '[^', '\\[',
  '---\n', '...\n', ': ', '- ', '&a ', '*a', '<<: *a\n', '? ', '!!binary ', '%YAML 1.2\n', 'services:\n', '  api:\n', 'kind: Pod\n', 'spec:\n', 'containers:\n',
];

function mutate(text: string, next: () => number, steps: number): string {
  let result = text;
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.4) result = result.slice(0, at) + (HOSTILE[Math.floor(next() * HOSTILE.length)] ?? '') + result.slice(at);
    else if (choice < 0.6) result = result.slice(0, at) + result.slice(at + Math.floor(next() * 20));
    else if (choice < 0.8) result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x10000)) + result.slice(at);
    else {
      const lines = result.split('\n');
      const line = Math.floor(next() * lines.length);
      lines.splice(line, 0, lines[Math.floor(next() * lines.length)] ?? '');
      result = lines.join('\n');
    }
  }
  return result;
}

const linters: Array<[string, (text: string) => Finding[]]> = [
  ['Dockerfile', lintDockerfile],
  ['.dockerignore', (text) => lintDockerignore(text, { dockerfile: text })],
  ['compose', lintCompose],
  ['Kubernetes', lintKubernetes],
  ['project', (text) => lintProject({ dockerfile: text, dockerignore: text, compose: text, k8s: text })],
];

/** Lints the text with every linter: no exception, no rule reporting its own crash, well-formed ranges. */
function expectSound(text: string): void {
  for (const [name, lint] of linters) {
    const started = performance.now();
    const findings = lint(text);
    // Generous: a bound against runaway (quadratic or exponential) behaviour, not a benchmark.
    expect(performance.now() - started, `${name} took too long`).toBeLessThan(15_000);
    for (const finding of findings) {
      expect(finding.message, `${name}: ${finding.ruleId} crashed`).not.toMatch(/failed on this input/);
      expect(finding.line, `${name}: ${finding.ruleId}`).toBeGreaterThanOrEqual(1);
      expect(finding.column, `${name}: ${finding.ruleId}`).toBeGreaterThanOrEqual(1);
      expect(finding.endLine * 1e9 + finding.endColumn, `${name}: ${finding.ruleId} ends before it starts`).toBeGreaterThanOrEqual(finding.line * 1e9 + finding.column);
    }
  }
}

const examples = rules.flatMap((rule) => [...rule.examples.good, ...rule.examples.bad]);

describe('any input gives findings or a clean result, never an exception', () => {
  const next = random(20_24);
  const binary = Array.from({ length: 64 * 1024 }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
  const oneMegabyte = `FROM node:22.23.3-slim\n${'RUN npm ci && echo "x" > /dev/null \\\n  && true\n'.repeat(22_000)}`.slice(0, 1 << 20);

  it.each<[string, string]>([
    ['empty', ''],
    ['only whitespace', ' \t\n\r\n'],
    ['NUL bytes', '\0'.repeat(4096)],
    ['binary', binary],
    ['a byte order mark and CRLF', '\uFEFFFROM node:22.23.3-slim\r\nUSER node\r\nCMD ["node", "server.js"]\r\n'],
    ['unterminated JSON', 'FROM node:22.23.3-slim\nCMD ["node", "server.js\nENTRYPOINT [\n'],
    ['stray continuations', '\\\n\\\nFROM node \\\n\\\n\\\n'],
    ['an unterminated heredoc', 'FROM node:22.23.3-slim\nRUN <<EOF\nnpm ci\nCOPY <<-END /x\n'],
    ['parser directives', '# syntax=docker/dockerfile:1\n# escape=`\nFROM node:22.23.3-slim\nRUN npm ci `\n  --omit=dev\n'],
    ['unknown instructions', 'FROBNICATE\nFROM\nCOPPY . .\nhealthcheck\n'],
    ['one very long line', `FROM node:22.23.3-slim\nENV A=${'a.'.repeat(300_000)}\n`],
    ['1 MB of instructions', oneMegabyte],
    ['a YAML alias bomb', `a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\nkind: Pod\napiVersion: v1\nspec:\n  containers:\n    - name: x\n      livenessProbe: {exec: *d}\n      readinessProbe: {exec: *d}\n`],
    ['a self-referencing merge', 'base: &base\n  <<: *base\nservices:\n  api:\n    <<: *base\n'],
    ['thousands of anchors and aliases', `x-a: &a {mem_limit: 1g}\nservices:\n${Array.from({ length: 5_000 }, (_, i) => `  s${i}: &s${i}\n    <<: *a\n    depends_on: [s${Math.max(0, i - 1)}]\n`).join('')}`],
    ['deeply nested YAML', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['many wildcards in a .dockerignore', `${'*a'.repeat(5000)}\n${'**/'.repeat(5000)}x\n[z-a]\n!\n`],
  ])('%s', (_, text) => {
    expectSound(text);
  });

  it('every rule example, mutated 25 ways', { timeout: 120_000 }, () => {
    const mutations = random(7);
    for (const example of examples) {
      for (let i = 0; i < 25; i++) expectSound(mutate(example, mutations, 1 + Math.floor(mutations() * 8)));
    }
  });
});

describe('a rule that throws', () => {
  const broken: RuleCheck = {
    ...df008,
    id: 'XX001',
    check() {
      throw new TypeError('cannot read properties of undefined');
    },
  };

  it('becomes a finding under its own id, and the other rules still run', () => {
    const findings = runRules([broken, df008], { dockerfile: parseDockerfile('FROM node:22.23.3-slim\n') });
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(['DF008', 'XX001']);
    expect(findings.find((finding) => finding.ruleId === 'XX001')).toMatchObject({
      severity: 'error',
      line: 1,
      column: 1,
      message: expect.stringMatching(/Rule XX001 failed on this input \(cannot read properties of undefined\)/),
    });
  });
});
