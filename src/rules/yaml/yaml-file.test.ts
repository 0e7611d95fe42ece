import { describe, expect, it } from 'vitest';
import { lintCompose } from '../lint.js';
import { parseYaml } from './yaml-file.js';

describe('reading YAML with anchors, aliases and merge keys', () => {
  it('resolves an alias to the last node with that anchor before it, as YAML specifies', () => {
    const file = parseYaml('first: &v one\nearly: *v\nsecond: &v two\nlate: *v\nnested:\n  - &v three\n  - *v\n');
    const [document] = file.documents;
    expect(document).toBeDefined();
    const root = document!.root;
    expect(document!.text(document!.at(root, 'early'))).toBe('one');
    expect(document!.text(document!.at(root, 'late'))).toBe('two');
    expect(document!.items(document!.at(root, 'nested')).map((node) => document!.text(node))).toEqual(['three', 'three']);
  });

  it('expands merge keys, and the map’s own keys win', () => {
    const file = parseYaml('x-base: &base\n  image: node:22\n  mem_limit: 512m\nservice:\n  <<: *base\n  image: api:1.0.0\n');
    const document = file.documents[0]!;
    expect(document.plain(document.at(document.root, 'service'))).toEqual({ image: 'api:1.0.0', mem_limit: '512m' });
  });

  it('lets a rule see settings that come from a shared x- block', () => {
    const shared = 'x-limits: &limits\n  mem_limit: 512m\nservices:\n  api:\n    image: api:1.0.0\n    <<: *limits\n';
    const without = 'services:\n  api:\n    image: api:1.0.0\n';
    expect(lintCompose(shared).map((finding) => finding.ruleId)).not.toContain('DC002');
    expect(lintCompose(without).map((finding) => finding.ruleId)).toContain('DC002');
  });
});
