/**
 * Loads the smallest rules engine a set of files needs, once, as a chunk of its own: the
 * Dockerfile and .dockerignore engine, or the full one when a compose file or a Kubernetes
 * manifest is among them. The readiness checklist and the lab editor load their engine this way.
 */
import type { DocumentKind, Finding, ProjectFiles, ProjectFinding } from './types.js';

/** What a browser page lints with; either engine provides it. */
export interface LintEngine {
  /** `lintProject` of the rules engine, for the files it is given. */
  lintProject(files: ProjectFiles): ProjectFinding[];
  lintCompose(text: string): Finding[];
  lintKubernetes(text: string): Finding[];
}

const loading = new Map<'docker' | 'full', Promise<LintEngine>>();

export function needsFullEngine(kinds: ReadonlySet<DocumentKind>): boolean {
  return kinds.has('compose') || kinds.has('kubernetes');
}

const yamlNotLoaded = (): never => {
  throw new Error('YAML files need the full rules engine: pass their kinds to loadLintEngine');
};

export function loadLintEngine(kinds: ReadonlySet<DocumentKind>): Promise<LintEngine> {
  const which = needsFullEngine(kinds) ? 'full' : 'docker';
  let engine = loading.get(which);
  if (!engine) {
    engine =
      which === 'full'
        ? import('./lint.js').then(({ lintProject, lintCompose, lintKubernetes }) => ({ lintProject, lintCompose, lintKubernetes }))
        : import('./lint-docker.js').then(({ lintDockerProject }) => ({ lintProject: lintDockerProject, lintCompose: yamlNotLoaded, lintKubernetes: yamlNotLoaded }));
    // A failed load (network) is not kept, so a later call tries again.
    engine.catch(() => loading.delete(which));
    loading.set(which, engine);
  }
  return engine;
}
