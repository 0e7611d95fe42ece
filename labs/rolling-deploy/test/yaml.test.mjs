// @ts-check
// The lab's YAML reader stands in for a YAML library (lab apps use Node built-ins only), so
// it must read what the rules engine reads, the same way, and refuse what it cannot read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { YamlError, parseYaml } from '../starter/cluster/yaml.mjs';

/** @param {string} path relative to the lab folder */
const labFile = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('parseYaml', () => {
  it.each(['starter/deployment.yaml', 'solution/deployment.yaml'])('reads %s as the yaml package does', (path) => {
    const text = labFile(path);
    expect(parseYaml(text)).toEqual(YAML.parse(text));
  });

  it('agrees with the yaml package on the styles manifests are written in', () => {
    const text = [
      '---',
      '# a comment',
      'kind: Deployment   # trailing comment',
      'quoted: "a # not a comment"',
      "single: 'it''s'",
      "apostrophe: it's plain",
      'url: http://example.com:8080/health',
      'numbers: [1, -2, 0.5, 1e3, 0x1F, "7"]',
      'flags: [true, False, null, ~]',
      'empty: {}',
      'none:',
      'containers:',
      '- name: api',
      '  env:',
      '  - name: A',
      '    value: "1"',
      '  - {}',
      '- name: sidecar',
      '  command:',
      '    - sleep',
      '    - "5"',
      'nested:',
      '  - - a',
      '    - b',
      '  -',
      '    key: value',
      '"quoted key": x',
      '...',
    ].join('\n');
    expect(parseYaml(text)).toEqual(YAML.parse(text));
  });

  it('keeps "__proto__" an ordinary key', () => {
    const value = /** @type {Record<string, unknown>} */ (parseYaml('__proto__: 1\n'));
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['a: 1\n  b: 2\n', 'line 2: unexpected indentation'],
    ['a:\n\tb: 1\n', 'line 2: indent with spaces: YAML does not allow tabs here'],
    ['a: 1\na: 2\n', 'line 2: "a" appears twice in the same mapping'],
    ['a: &anchor 1\n', 'line 1: anchors and aliases are not supported here: write the value out'],
    ['a: !!str 1\n', 'line 1: tags are not supported here: remove the "!" part'],
    ['a: |\n  text\n', 'line 1: block scalars are not supported here: write the value on one line, quoted'],
    ['a: {b: 1}\n', 'line 1: write this mapping in block style, one "key: value" per line'],
    ['a: [1, [2]]\n', 'line 1: lists inside "[...]" may only hold plain or quoted values'],
    ['a: "open\n', 'line 1: a double-quoted value must end with a quote, with nothing after it'],
    ['a: 1\n---\nb: 2\n', 'line 2: only one document per file: remove this "---" and what follows, or move it to its own file'],
    ['a: 1\n...\nb: 2\n', 'line 3: content after the end of the document ("...")'],
    ['a: 1\njust text\n', 'line 2: expected "key: value", found "just text"'],
    ['- a\nb: 1\n', 'line 2: unexpected content after the document'],
  ])('refuses %j with the line and the reason', (text, message) => {
    expect(() => parseYaml(text)).toThrow(YamlError);
    expect(() => parseYaml(text)).toThrow(message);
  });

  it('reads an empty document as null', () => {
    expect(parseYaml('# nothing\n\n')).toBeNull();
  });
});
