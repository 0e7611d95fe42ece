import { describe, expect, it } from 'vitest';
import { parseDockerignore } from './document.js';
import { cleanPath, compilePattern, PatternMatcher } from './pattern-matcher.js';

/*
 * The tables `upstreamMatches`, `upstreamMultiPattern` and `upstreamFilepathMatch` are transcribed
 * as data from moby/patternmatcher, patternmatcher_test.go (TestMatches and its matchTests table,
 * commit 5a6d842), and the reader expectations from ignorefile/ignorefile_test.go (TestReadAll).
 * Copyright 2012-2017 Docker, Inc. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). The matcher under test is this project's own code.
 */

/** [pattern, path, excluded] for MatchesOrParentMatches with one pattern. */
const upstreamMatches: Array<[string, string, boolean]> = [
  ['**', 'file', true],
  ['**', 'file/', true],
  ['**/', 'file', true],
  ['**/', 'file/', true],
  ['**', '/', true],
  ['**/', '/', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true],
  ['**/**', 'dir/file', true],
  ['**/**', 'dir/file/', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true],
  ['dir/**', 'dir/dir2/file', true],
  ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file/', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  // Upstream adds this one on every platform but Windows, where `\` is the path separator.
  ['a\\*b', 'a*b', true],
];

/** [patterns, path, excluded] for MatchesOrParentMatches with several patterns. */
const upstreamMultiPattern: Array<[string[], string, boolean]> = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
];

/** [pattern, path, excluded, rejected] from upstream's copy of Go's filepath.Match tests. */
const upstreamFilepathMatch: Array<[string, string, boolean, boolean]> = [
  ['abc', 'abc', true, false],
  ['*', 'abc', true, false],
  ['*c', 'abc', true, false],
  ['a*', 'a', true, false],
  ['a*', 'abc', true, false],
  ['a*', 'ab/c', true, false],
  ['a*/b', 'abc/b', true, false],
  ['a*/b', 'a/c/b', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false, false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false, false],
  ['ab[c]', 'abc', true, false],
  ['ab[b-d]', 'abc', true, false],
  ['ab[e-g]', 'abc', false, false],
  ['ab[^c]', 'abc', false, false],
  ['ab[^b-d]', 'abc', false, false],
  ['ab[^e-g]', 'abc', true, false],
  ['a\\*b', 'a*b', true, false],
  ['a\\*b', 'ab', false, false],
  ['a?b', 'a☺b', true, false],
  ['a[^a]b', 'a☺b', true, false],
  ['a???b', 'a☺b', false, false],
  ['a[^a][^a][^a]b', 'a☺b', false, false],
  ['[a-ζ]*', 'α', true, false],
  ['*[a-ζ]', 'A', false, false],
  ['a?b', 'a/b', false, false],
  ['a*b', 'a/b', false, false],
  ['[\\]a]', ']', true, false],
  ['[\\-]', '-', true, false],
  ['[x\\-]', 'x', true, false],
  ['[x\\-]', '-', true, false],
  ['[x\\-]', 'z', false, false],
  ['[\\-x]', 'x', true, false],
  ['[\\-x]', '-', true, false],
  ['[\\-x]', 'a', false, false],
  ['[]a]', ']', false, true],
  ['[-]', '-', false, true],
  ['[x-]', 'x', false, true],
  ['[x-]', '-', false, true],
  ['[x-]', 'z', false, true],
  ['[-x]', 'x', false, true],
  ['[-x]', '-', false, true],
  ['[-x]', 'a', false, true],
  ['\\', 'a', false, true],
  ['[a-b-c]', 'a', false, true],
  ['[', 'a', false, true],
  ['[^', 'a', false, true],
  ['[^bc', 'a', false, true],
  ['a[', 'a', false, true],
  ['a[', 'ab', false, true],
  ['*x', 'xxx', true, false],
];

describe('Docker .dockerignore matcher against the upstream tables', () => {
  it.each(upstreamMatches)('pattern %j on %j excludes: %j', (pattern, path, excluded) => {
    expect(PatternMatcher.fromPatterns([pattern]).matches(path)).toBe(excluded);
  });

  it.each(upstreamMultiPattern)('patterns %j on %j exclude: %j', (patterns, path, excluded) => {
    expect(PatternMatcher.fromPatterns(patterns).matches(path)).toBe(excluded);
  });

  it.each(upstreamFilepathMatch)('filepath pattern %j on %j: excluded %j, rejected %j', (pattern, path, excluded, rejected) => {
    const compiled = compilePattern(pattern);
    expect('error' in compiled).toBe(rejected);
    if (!rejected) expect(PatternMatcher.fromPatterns([pattern]).matches(cleanPath(path))).toBe(excluded);
  });

  it('rejects a lone "!" and a range in the wrong order, as Docker does when it builds', () => {
    expect(compilePattern('!')).toHaveProperty('error');
    // Upstream accepts this pattern at first, then fails on the first path it matches (moby/moby#52203).
    expect(compilePattern('[Local-Only]/')).toHaveProperty('error');
  });

  it('matches nothing when there are no patterns', () => {
    expect(PatternMatcher.fromPatterns([]).matches('any/path/there')).toBe(false);
  });

  it('reads a .dockerignore the way ignorefile.ReadAll does', () => {
    const text = 'test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ';
    expect(parseDockerignore(text).entries.map((entry) => entry.pattern)).toEqual([
      'test1',
      'test2',
      'a/file/here',
      'lastfile',
      '!inverted/abs/path',
      '!',
      '!',
    ]);
  });
});

describe('Docker .dockerignore matcher on the course cases', () => {
  const excluded = (dockerignore: string, path: string) => parseDockerignore(dockerignore).matcher.matches(path);

  it.each<[string, string, boolean]>([
    // Anchored at the context root, unlike .gitignore.
    ['node_modules', 'node_modules/express/index.js', true],
    ['node_modules', 'packages/api/node_modules/x.js', false],
    ['**/node_modules', 'packages/api/node_modules/x.js', true],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/guide.md', false],
    ['**/*.md', 'docs/guide.md', true],
    // A trailing slash and a leading slash are cleaned away.
    ['dist/', 'dist/server.js', true],
    ['/dist', 'dist/server.js', true],
    ['./coverage', 'coverage/lcov.info', true],
    // Dotfiles are not special.
    ['*', '.env', true],
    ['.env*', '.env.production', true],
    ['.env.*', '.env', false],
    // Case-sensitive, and regex metacharacters are literal.
    ['Dockerfile', 'dockerfile', false],
    ['src/routes/+page.svelte', 'src/routes/+page.svelte', true],
    ['src/(marketing)', 'src/(marketing)/about.ts', true],
    // `#` starts a comment only in the first column.
    ['# .env', '.env', false],
    [' #notes.txt', '#notes.txt', true],
    // Later lines win; an exception re-includes below an excluded directory.
    ['*.log\n!important.log', 'important.log', false],
    ['!important.log\n*.log', 'important.log', true],
    ['docs\n!docs/README.md', 'docs/README.md', false],
    ['docs\n!docs/README.md', 'docs/other.md', true],
    // CRLF files and a byte order mark.
    ['\uFEFFnode_modules\r\n.git\r\n', 'node_modules/a', true],
    ['\uFEFFnode_modules\r\n.git\r\n', '.git/HEAD', true],
  ])('%j on %j excludes: %j', (dockerignore, path, expected) => {
    expect(excluded(dockerignore, path)).toBe(expected);
  });

  it('matches in linear time on patterns that make backtracking engines explode', () => {
    const pattern = `${'*a'.repeat(200)}b`;
    const started = Date.now();
    expect(PatternMatcher.fromPatterns([pattern, `${'**/'.repeat(200)}x`]).matches(`${'a'.repeat(300)}/c`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
