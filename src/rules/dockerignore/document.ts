import { LineIndex } from '../text.js';
import type { Span } from '../types.js';
import { cleanPath, compilePattern, PatternMatcher, trimSpace, type CompiledPattern } from './pattern-matcher.js';

export interface IgnoreEntry {
  /** The pattern as Docker reads it: trimmed, cleaned, leading `/` dropped, `!` kept. */
  pattern: string;
  /** Where the pattern's text sits on its line. */
  span: Span;
  compiled?: CompiledPattern;
  /** Why Docker would reject this pattern, when it would. */
  error?: string;
}

export interface DockerignoreDocument {
  text: string;
  lines: LineIndex;
  entries: IgnoreEntry[];
  /** Built from the valid patterns, so the other rules still work while one line is broken. */
  matcher: PatternMatcher;
}

/**
 * Reads a .dockerignore the way Docker's `ignorefile.ReadAll` does: a byte order mark is dropped,
 * a line is a comment only when `#` is its very first character, patterns are trimmed and
 * cleaned, and a leading `/` is dropped because patterns are relative to the context root anyway.
 */
export function parseDockerignore(text: string): DockerignoreDocument {
  const lines = new LineIndex(text);
  const entries: IgnoreEntry[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    let skipped = 0;
    if (lineStart === 0 && line.startsWith('\uFEFF')) {
      line = line.slice(1);
      skipped = 1;
    }
    if (line.startsWith('#')) continue;
    let pattern = trimSpace(line);
    if (pattern === '') continue;
    const start = lineStart + skipped + line.indexOf(pattern);
    const span = lines.span(start, start + pattern.length);
    const invert = pattern.startsWith('!');
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    if (invert) pattern = `!${pattern}`;
    const compiled = compilePattern(pattern);
    entries.push('error' in compiled ? { pattern, span, error: compiled.error } : { pattern, span, compiled });
  }
  const valid = entries.flatMap((entry) => (entry.compiled ? [entry.compiled] : []));
  return { text, lines, entries, matcher: new PatternMatcher(valid) };
}
