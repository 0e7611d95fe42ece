/**
 * Docker's .dockerignore matching, re-implemented from the documented behaviour and the test table
 * of moby/patternmatcher (what BuildKit and the Docker CLI use), not from gitignore:
 * - a pattern is anchored at the context root: `node_modules` does not match `a/node_modules`;
 * - `*` and `?` never cross `/`; `**` matches any number of directories, including none;
 * - a pattern matching a directory also excludes everything below it;
 * - patterns apply in order and a later `!pattern` re-includes what an earlier one excluded;
 * - matching is case-sensitive, and characters like `.`, `+`, `(` are literal.
 */

/** Go's `path.Clean`: collapses `//`, `.` and `..`, drops a trailing `/`, and turns "" into ".". */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** The characters Go's `unicode.IsSpace` accepts (unlike JavaScript's, no byte order mark). */
function isGoSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Go's `strings.TrimSpace`. */
export function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Go's `path.Dir`. */
function parentDirectory(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

/**
 * Whether Docker accepts a pattern: Go's `filepath.Match` rules (character classes closed and
 * non-empty, ranges with both ends, a backslash escaping something), plus ranges in order, which
 * upstream's regular expression compiler would reject when the pattern is first used.
 */
function isWellFormedGlob(pattern: string): boolean {
  const chars = Array.from(pattern);
  let i = 0;
  // One class item, possibly escaped; undefined when the pattern ends before the class does.
  const classItem = (): string | undefined => {
    let ch = chars[i];
    if (ch === undefined || ch === '-' || ch === ']') return undefined;
    if (ch === '\\') ch = chars[++i];
    i++;
    return ch !== undefined && i < chars.length ? ch : undefined;
  };
  while (i < chars.length) {
    const ch = chars[i++];
    if (ch === '\\') {
      if (i >= chars.length) return false;
      i++;
    } else if (ch === '[') {
      if (chars[i] === '^') i++;
      let ranges = 0;
      for (;;) {
        if (chars[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        const low = classItem();
        if (low === undefined) return false;
        if (chars[i] === '-') {
          i++;
          const high = classItem();
          if (high === undefined || (high.codePointAt(0) ?? 0) < (low.codePointAt(0) ?? 0)) return false;
        }
        ranges++;
      }
    }
  }
  return true;
}

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> }
  /** `?`: one character other than `/`. */
  | { kind: 'one' }
  /** `*`: any run of characters other than `/`. */
  | { kind: 'star' }
  /** `**` followed by more pattern: any number of leading directories, including none. */
  | { kind: 'dirs' }
  /** A trailing `**`: anything at all. */
  | { kind: 'rest' };

type Matcher = (path: string) => boolean;

/** Parses a `[...]` class starting after the `[`; the pattern is known to be well-formed. */
function parseClass(chars: string[], start: number): { token: Token; next: number } {
  let i = start;
  const negated = chars[i] === '^';
  if (negated) i++;
  const item = (): string => {
    if (chars[i] === '\\') i++;
    return chars[i++] ?? '';
  };
  const ranges: Array<[string, string]> = [];
  while (!(chars[i] === ']' && ranges.length > 0) && i < chars.length) {
    const low = item();
    let high = low;
    if (chars[i] === '-') {
      i++;
      high = item();
    }
    ranges.push([low, high]);
  }
  return { token: { kind: 'class', negated, ranges }, next: i + 1 };
}

function tokenMatches(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'one':
      return char !== '/';
    case 'class': {
      const code = char.codePointAt(0) ?? 0;
      const inside = token.ranges.some(([low, high]) => (low.codePointAt(0) ?? 0) <= code && code <= (high.codePointAt(0) ?? 0));
      return inside !== token.negated;
    }
    default:
      return false;
  }
}

/**
 * Runs the tokens as a small automaton over the path's characters. Upstream hands an equivalent
 * regular expression to Go's linear-time engine; a backtracking RegExp could take exponential time
 * on patterns such as `**​/**​/**​/x`, so this keeps matching linear in pattern × path.
 */
function automaton(tokens: Token[]): Matcher {
  const size = tokens.length + 1;
  const close = (at: boolean[], inside: boolean[]) => {
    for (let i = 0; i < tokens.length; i++) {
      if (!at[i]) continue;
      const kind = tokens[i]?.kind;
      if (kind === 'star' || kind === 'rest') at[i + 1] = true;
      if (kind === 'dirs') {
        at[i + 1] = true;
        inside[i] = true;
      }
    }
  };
  return (path) => {
    let at = new Array<boolean>(size).fill(false);
    let inside = new Array<boolean>(size).fill(false);
    at[0] = true;
    close(at, inside);
    for (const char of path) {
      const nextAt = new Array<boolean>(size).fill(false);
      const nextInside = new Array<boolean>(size).fill(false);
      let alive = false;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as Token;
        if (at[i]) {
          if (token.kind === 'star' ? char !== '/' : token.kind === 'rest') nextAt[i] = alive = true;
          else if (tokenMatches(token, char)) nextAt[i + 1] = alive = true;
        }
        if (inside[i]) {
          nextInside[i] = alive = true;
          if (char === '/') nextAt[i + 1] = true;
        }
      }
      if (!alive) return false;
      at = nextAt;
      inside = nextInside;
      close(at, inside);
    }
    return at[tokens.length] === true;
  };
}

/**
 * Turns one cleaned, well-formed pattern into a matcher. Like upstream, a pattern without
 * wildcards compares strings (exact, `prefix/**`, `**suffix`), and anything else is matched as a
 * whole-path expression.
 */
function compileGlob(pattern: string): Matcher {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  let kind: 'exact' | 'prefix' | 'suffix' | 'expression' = 'exact';
  for (let i = 0, step = 0; i < chars.length; step++) {
    const ch = chars[i++] as string;
    if (ch === '*' && chars[i] === '*') {
      i++;
      if (chars[i] === '/') i++;
      if (i >= chars.length) {
        // A trailing `**` accepts everything below, as in .gitignore.
        if (kind === 'exact') kind = 'prefix';
        else {
          tokens.push({ kind: 'rest' });
          kind = 'expression';
        }
      } else {
        tokens.push({ kind: 'dirs' });
        kind = 'expression';
      }
      if (step === 0) kind = 'suffix';
    } else if (ch === '*') {
      tokens.push({ kind: 'star' });
      kind = 'expression';
    } else if (ch === '?') {
      tokens.push({ kind: 'one' });
      kind = 'expression';
    } else if (ch === '\\') {
      tokens.push({ kind: 'char', char: chars[i++] ?? '\\' });
      kind = 'expression';
    } else if (ch === '[') {
      const parsed = parseClass(chars, i);
      tokens.push(parsed.token);
      i = parsed.next;
      kind = 'expression';
    } else {
      // `]` outside a class is literal too.
      if (ch === ']') kind = 'expression';
      tokens.push({ kind: 'char', char: ch });
    }
  }
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'expression':
      return automaton(tokens);
  }
}

export interface CompiledPattern {
  /** The cleaned pattern without its leading `!`. */
  pattern: string;
  /** A `!pattern` that re-includes paths. */
  exclusion: boolean;
  matches: Matcher;
}

/** Compiles one line's pattern; returns a reason instead when Docker would reject it. */
export function compilePattern(raw: string): CompiledPattern | { error: string } {
  let text = cleanPath(trimSpace(raw));
  let exclusion = false;
  if (text.startsWith('!')) {
    if (text.length === 1) return { error: 'a lone "!" is not a valid exclusion pattern' };
    exclusion = true;
    text = text.slice(1);
  }
  if (!isWellFormedGlob(text)) return { error: `"${text}" is not a valid pattern (check its [ ] classes and \\ escapes)` };
  return { pattern: text, exclusion, matches: compileGlob(text) };
}

export class PatternMatcher {
  constructor(readonly patterns: readonly CompiledPattern[]) {}

  /** Builds a matcher from pattern strings as `ReadAll` yields them; throws on an invalid one. */
  static fromPatterns(patterns: readonly string[]): PatternMatcher {
    const compiled: CompiledPattern[] = [];
    for (const raw of patterns) {
      if (trimSpace(raw) === '') continue;
      const result = compilePattern(raw);
      if ('error' in result) throw new Error(result.error);
      compiled.push(result);
    }
    return new PatternMatcher(compiled);
  }

  /**
   * Upstream's `MatchesOrParentMatches`: whether a slash-separated path relative to the context
   * is excluded, by a pattern matching it or any of its parent directories.
   */
  matches(path: string): boolean {
    return this.decidingPattern(path)?.exclusion === false;
  }

  /** The last pattern that decided the path's fate, or undefined when none matched. */
  decidingPattern(path: string): CompiledPattern | undefined {
    const parent = parentDirectory(path);
    const parents = parent === '.' ? [] : parent.split('/');
    let excluded = false;
    let decider: CompiledPattern | undefined;
    for (const pattern of this.patterns) {
      // An include pattern cannot change an excluded path, nor an exclusion an included one.
      if (pattern.exclusion !== excluded) continue;
      let hit = pattern.matches(path);
      for (let i = 1; !hit && i <= parents.length; i++) hit = pattern.matches(parents.slice(0, i).join('/'));
      if (hit) {
        excluded = !pattern.exclusion;
        decider = pattern;
      }
    }
    return decider;
  }
}
