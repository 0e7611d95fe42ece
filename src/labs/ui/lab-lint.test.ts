import { describe, expect, it } from 'vitest';
import { lintCompose, lintKubernetes, lintProject } from '../../rules/index.js';
import { lintDockerProject } from '../../rules/lint-docker.js';
import { needsFullEngine, type LintEngine } from '../../rules/load-engine.js';
import { documentKindOf } from './document-kind.js';
import { lintLabFiles } from './lab-lint.js';

const fullEngine: LintEngine = { lintProject, lintCompose, lintKubernetes };
const dockerLintEngine: LintEngine = { ...fullEngine, lintProject: lintDockerProject };

describe('which lab files the rules read', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['app/Dockerfile.prod', 'dockerfile'],
    ['web.Dockerfile', 'dockerfile'],
    ['.dockerignore', 'dockerignore'],
    ['Dockerfile.dockerignore', 'dockerignore'],
    ['compose.yaml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['server.js', null],
    ['config.yaml', null],
  ])('%s is %s', (path, kind) => {
    expect(documentKindOf(path, '')).toBe(kind);
  });

  it('reads other YAML as Kubernetes when it declares apiVersion and kind', () => {
    expect(documentKindOf('k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')).toBe('kubernetes');
  });

  it('loads the YAML parser only for compose files and manifests', () => {
    expect(needsFullEngine(new Set(['dockerfile', 'dockerignore']))).toBe(false);
    expect(needsFullEngine(new Set(['dockerfile', 'compose']))).toBe(true);
    expect(needsFullEngine(new Set(['kubernetes']))).toBe(true);
  });
});

describe('lintLabFiles', () => {
  const dockerfile = 'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY tsconfig.json ./\n';
  const files = { Dockerfile: dockerfile, '.dockerignore': 'node_modules\n.git\n.env\n*.json\n', 'server.js': 'x' };

  it('lints the Dockerfile and the .dockerignore together', () => {
    const findings = lintLabFiles(fullEngine, files, Object.keys(files));
    expect(Object.keys(findings).sort()).toEqual(['.dockerignore', 'Dockerfile']);
    // DI003 needs the Dockerfile to know that *.json excludes files it copies.
    expect(findings['.dockerignore']?.map((f) => f.ruleId)).toContain('DI003');
    expect(findings.Dockerfile?.length).toBeGreaterThan(0);
    expect(findings.Dockerfile?.every((f) => f.ruleId.startsWith('DF'))).toBe(true);
  });

  it.each([
    ['both files', files],
    ['a Dockerfile without .dockerignore', { Dockerfile: 'FROM node\nCOPY . .\nCMD npm start\n' }],
    ['a .dockerignore without Dockerfile', { '.dockerignore': '[\n' }],
    ['an unreadable Dockerfile', { Dockerfile: 'FROM\n\\\n', '.dockerignore': 'node_modules\n' }],
  ])('the Dockerfile-only engine finds what the full engine finds, for %s', (_, labFiles) => {
    expect(lintLabFiles(dockerLintEngine, labFiles, Object.keys(labFiles))).toEqual(lintLabFiles(fullEngine, labFiles, Object.keys(labFiles)));
  });

  it('lints compose files and manifests with the full engine', () => {
    const findings = lintLabFiles(fullEngine, { 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: node\n' }, ['compose.yaml']);
    expect(findings['compose.yaml']?.map((f) => f.ruleId)).toContain('DC001');
  });

  it('reports on the files asked for and reads the others as context', () => {
    const labFiles = { Dockerfile: dockerfile, '.dockerignore': 'node_modules\n.git\n.env\n*.json\n' };
    const onlyIgnore = lintLabFiles(fullEngine, labFiles, ['.dockerignore']);
    expect(Object.keys(onlyIgnore)).toEqual(['.dockerignore']);
    // The read-only Dockerfile still tells DI003 what is copied.
    expect(onlyIgnore['.dockerignore']?.map((f) => f.ruleId)).toContain('DI003');
  });
});
