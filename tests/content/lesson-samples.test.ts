import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCompose, lintDockerfile, lintDockerignore, lintKubernetes } from '../../src/rules/index.js';
import type { Finding } from '../../src/rules/types.js';
import { codeFences, type CodeFence } from './code-fences.js';

/**
 * Every Dockerfile, .dockerignore, Compose and Kubernetes sample in a lesson declares what the
 * rules say about it (`rules="none"` or the exact rule ids, optionally within `scope="…"` for a
 * fragment), and this test holds the text to it: a sample that changes, or a rule that changes,
 * cannot silently drift from what the lesson claims.
 */

const LESSONS = path.resolve('content/lessons');
const lessonFiles = readdirSync(LESSONS).filter((file) => /\.mdx?$/.test(file));

type SampleKind = 'dockerfile' | 'dockerignore' | 'compose' | 'kubernetes';

function sampleKind(fence: CodeFence): SampleKind | null {
  const title = fence.meta.title ?? '';
  if (fence.lang === 'dockerfile' || fence.lang === 'docker') return 'dockerfile';
  if (/(^|\/)\.dockerignore$/.test(title)) return 'dockerignore';
  if (fence.lang === 'yaml' || fence.lang === 'yml') {
    if (/^apiVersion:/m.test(fence.code) && /^kind:/m.test(fence.code)) return 'kubernetes';
    if (/compose\.ya?ml$/.test(title) || /^services:/m.test(fence.code)) return 'compose';
  }
  return null;
}

const LINTERS: Record<SampleKind, (text: string) => Finding[]> = {
  dockerfile: lintDockerfile,
  dockerignore: (text) => lintDockerignore(text),
  compose: lintCompose,
  kubernetes: lintKubernetes,
};

const ids = (value: string | undefined) => (value === undefined || value === 'none' ? [] : value.split(/[\s,]+/).filter(Boolean));

const samples = lessonFiles.flatMap((file) =>
  codeFences(readFileSync(path.join(LESSONS, file), 'utf8'))
    .map((fence) => ({ file, fence, kind: sampleKind(fence) }))
    .filter((sample) => sample.kind !== null || 'rules' in sample.fence.meta),
);

describe('lesson samples behave as they declare', () => {
  it('finds samples to check', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples.map((s) => [`${s.file}:${s.fence.line}`, s] as const))('%s', (_, { fence, kind }) => {
    expect(kind, 'rules= is declared on a sample that is not a Dockerfile, .dockerignore, Compose or Kubernetes file').not.toBeNull();
    expect(fence.meta.rules, 'the sample must declare rules="none" or the rule ids that fire').toBeDefined();
    const scope = ids(fence.meta.scope);
    const fired = [...new Set(LINTERS[kind!](fence.code).map((finding) => finding.ruleId))]
      .filter((id) => scope.length === 0 || scope.includes(id))
      .sort();
    expect(fired).toEqual(ids(fence.meta.rules).sort());
  });
});

describe('code in lessons comes from real files', () => {
  it.each(lessonFiles)('%s shows no retyped JavaScript or TypeScript', (file) => {
    const inline = codeFences(readFileSync(path.join(LESSONS, file), 'utf8')).filter((fence) =>
      ['js', 'javascript', 'mjs', 'ts', 'typescript', 'jsx', 'tsx'].includes(fence.lang),
    );
    expect(inline.map((fence) => `line ${fence.line}`), 'include the code from a tested file with <Code code={…} /> and a ?raw import').toEqual([]);
  });

  it.each(lessonFiles)('%s includes only files that exist', (file) => {
    const source = readFileSync(path.join(LESSONS, file), 'utf8');
    for (const [, specifier = ''] of source.matchAll(/^import\s+\w+\s+from\s+['"]([^'"]+)\?raw['"]/gm)) {
      const target = path.resolve(LESSONS, specifier);
      expect(() => readFileSync(target), `${specifier} in ${file}`).not.toThrow();
    }
  });
});
