/**
 * Loads the smallest rules engine a lab's files need, once, as a chunk of its own: the
 * Dockerfile and .dockerignore engine, or the full one when a compose file or a Kubernetes
 * manifest is among them (edited or read as context).
 */
import type { DocumentKind } from '../../rules/types.js';
import type { LintEngine } from './lab-lint.js';

const loading = new Map<'docker' | 'full', Promise<LintEngine>>();

export function needsFullEngine(kinds: ReadonlySet<DocumentKind>): boolean {
  return kinds.has('compose') || kinds.has('kubernetes');
}

export function loadLintEngine(kinds: ReadonlySet<DocumentKind>): Promise<LintEngine> {
  const which = needsFullEngine(kinds) ? 'full' : 'docker';
  let engine = loading.get(which);
  if (!engine) {
    engine =
      which === 'full'
        ? import('../../rules/index.js').then(({ lintProject, lintCompose, lintKubernetes }) => ({ lintProject, lintCompose, lintKubernetes }))
        : import('./docker-lint-engine.js').then(({ dockerLintEngine }) => dockerLintEngine);
    // A failed load (network) is not kept, so a later call tries again.
    engine.catch(() => loading.delete(which));
    loading.set(which, engine);
  }
  return engine;
}
