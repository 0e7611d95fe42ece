import type { DocumentKind } from '../../rules/types.js';

const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);

/**
 * The kind of a lab file the rules engine reads, from its name and, for other YAML, its
 * content; null for files it does not read. Apart from the engine so a page can ask without
 * loading it. Follows the names `shipshape lint` recognises (src/cli/discover.ts).
 */
export function documentKindOf(path: string, text: string): DocumentKind | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '.dockerignore' || name.endsWith('.dockerignore')) return 'dockerignore';
  if (/^(?:Dockerfile|dockerfile)(?:\..+)?$/.test(name) || /.\.(?:Dockerfile|dockerfile)$/.test(name)) return 'dockerfile';
  if (COMPOSE_NAMES.has(name)) return 'compose';
  if (/\.ya?ml$/i.test(name) && /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  return null;
}
