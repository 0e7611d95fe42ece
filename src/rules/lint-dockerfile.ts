/**
 * Dockerfile linting on its own, for pages that only need it (the Dockerfile lab editor): it
 * leaves out the YAML parser and the other files' rules, which the full engine in index.ts adds.
 */
import { parseDockerfile } from './dockerfile/document.js';
import { dockerfileChecks } from './dockerfile/rules.js';
import { findingsIn, parseSafely, runRules } from './engine.js';
import type { Finding } from './types.js';

export function lintDockerfile(text: string): Finding[] {
  const result = parseSafely('dockerfile', () => parseDockerfile(text));
  if ('failure' in result) return findingsIn('dockerfile', [result.failure]);
  return findingsIn('dockerfile', runRules(dockerfileChecks, { dockerfile: result.parsed }));
}
