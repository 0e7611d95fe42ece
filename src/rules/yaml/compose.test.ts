/**
 * The rules read YAML through our own composer (compose.ts) on yaml's parser. These tests hold it
 * to yaml's full composer, the reference: on every YAML sample the course has and on thousands of
 * seeded mutations of them, both find problems or both find none, and a valid text gives the same
 * documents, nodes, values, anchors and source ranges.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { codeFences } from '../../../tests/content/code-fences.js';
import { rules } from '../index.js';
import { seededRandom } from '../seeded-random.js';
import { composeYaml, type YamlNode } from './compose.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A node reduced to what the rules read, in the same shape for both composers. */
type Shape = { kind: string; range: number[]; anchor?: string; value?: unknown; source?: string; items?: unknown[] };

function ours(node: YamlNode | null): Shape | null {
  if (!node) return null;
  const shape: Shape = { kind: node.kind, range: [...node.range] };
  if (node.anchor !== undefined) shape.anchor = node.anchor;
  if (node.kind === 'scalar') shape.value = node.value;
  if (node.kind === 'alias') shape.source = node.source;
  if (node.kind === 'seq') shape.items = node.items.map(ours);
  if (node.kind === 'map') shape.items = node.items.map((pair) => [ours(pair.key), ours(pair.value)]);
  return shape;
}

function reference(node: unknown): Shape | null {
  if (node === null || node === undefined) return null;
  const { range, anchor } = node as { range: number[]; anchor?: string };
  const base = (kind: string): Shape => ({ kind, range: [...range], ...(anchor === undefined ? {} : { anchor }) });
  if (isScalar(node)) return { ...base('scalar'), value: node.value };
  if (isAlias(node)) return { kind: 'alias', range: [...range], source: node.source };
  if (isSeq(node)) return { ...base('seq'), items: node.items.map(reference) };
  if (isMap(node)) return { ...base('map'), items: node.items.map((pair) => [reference(pair.key), reference(pair.value)]) };
  throw new Error(`unexpected node ${String(node)}`);
}

interface Outcome {
  valid: boolean;
  codes: string[];
  documents: Array<Shape | null>;
}

function withOurs(text: string): Outcome {
  const { documents, problems } = composeYaml(text);
  return { valid: problems.length === 0, codes: problems.map((problem) => problem.code), documents: documents.map(ours) };
}

function withReference(text: string): Outcome {
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  const errors = 'empty' in parsed ? parsed.errors : parsed.flatMap((doc) => doc.errors);
  const documents = 'empty' in parsed ? [] : parsed.map((doc) => reference(doc.contents));
  return { valid: errors.length === 0, codes: errors.map((error) => error.code), documents };
}

/** Both composers agree: problems or none; and for valid text, the same documents. */
function expectAgreement(text: string): void {
  const mine = withOurs(text);
  const theirs = withReference(text);
  const label = `${JSON.stringify(text)}\nours: ${mine.codes.join(', ') || 'valid'}\nyaml: ${theirs.codes.join(', ') || 'valid'}`;
  expect(mine.valid, label).toBe(theirs.valid);
  if (theirs.valid) expect(mine.documents, label).toEqual(theirs.documents);
  if (theirs.codes.includes('DUPLICATE_KEY')) expect(mine.codes, label).toContain('DUPLICATE_KEY');
}

/** Every YAML text the course has: rule examples, lesson samples, the project's compose file and manifests, lab files. */
function samples(): string[] {
  const texts = rules.filter((rule) => rule.appliesTo === 'compose' || rule.appliesTo === 'kubernetes').flatMap((rule) => [...rule.examples.good, ...rule.examples.bad]);
  const lessons = path.join(ROOT, 'content/lessons');
  for (const file of readdirSync(lessons)) {
    for (const fence of codeFences(readFileSync(path.join(lessons, file), 'utf8'))) if (fence.lang === 'yaml' || fence.lang === 'yml') texts.push(fence.code);
  }
  for (const file of ['compose.yaml', 'deploy/k8s/deployment.yaml', 'deploy/k8s/service.yaml', 'deploy/k8s/kustomization.yaml']) texts.push(readFileSync(path.join(ROOT, file), 'utf8'));
  return texts;
}

/** The YAML features and mistakes a hand-written compose file or manifest runs into. */
const CASES = [
  '',
  '# only a comment\n',
  '---\n',
  '---\n---\n',
  'a: 1\n---\nb: 2\n...\n',
  'a: 1\n...\n...\n',
  '...\n',
  '%YAML 1.2\n---\na: 1\n',
  '%YAML 1.2\na: 1\n',
  '%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n',
  'a: !e!thing 1\n',
  'a: !!str 1\nb: !!int "2"\nc: !!float 3\nd: !!bool true\ne: !!null ""\nf: ! 5\ng: !local x\nh: !!int nope\n',
  'reset: !reset []\noverride: !override\n  - 1\n',
  '\uFEFFa: 1\n',
  'a: 1\r\nb:\r\n  - x\r\n',
  'a: &x 1\nb: *x\nc: &y\n  d: 2\ne: *y\n',
  'x-base: &base\n  image: node\nsvc:\n  <<: *base\n  <<: *base\n',
  'a: *\n',
  'a: & 1\n',
  'a: &x &y 1\n',
  'a: !!str !!str 1\n',
  'a: &x\n- 1\n',
  'a: &x - 1\n',
  'plain: ~\nnulls: [null, Null, NULL, ~, ]\nbools: [true, True, TRUE, false, False, FALSE, yes, on]\n',
  'ints: [0, -1, +2, 007, 0o17, 0x1F, 0X1F, 1_000]\nfloats: [1.5, .5, 1., -1e3, 1E+2, .inf, -.Inf, .nan, .NaN, 1.2.3]\n',
  'quoted: ["1", \'true\', "a\\tb", "\\u00e9", \'it\'\'s\']\n',
  'bad: "\\q"\n',
  'open: "unclosed\n',
  "open: 'unclosed\n",
  'literal: |\n  line 1\n  line 2\nfolded: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\n',
  'header: |2\n   indented\n',
  'header: |x\n  y\n',
  'block: |\n  a\n b\n',
  'flow: {a: 1, b: [2, 3], "c": {d: e}}\n',
  'flow: {a: 1, a: 2}\n',
  'flow: [a, b\nc: 1\n',
  'flow: [a, b,]\n',
  'flow: [, a]\n',
  'flow: [a,, b]\n',
  'flow: [a b]\n',
  'flow: {a b}\n',
  'flow: {a:b}\n',
  'flow: [a: 1, b: 2]\n',
  'flow: [a\n  : 1]\n',
  'flow: {\n  a: 1,\n  b: 2\n}\n',
  'flow: [\n1]\n',
  'command: ["node", "server.js"]\n',
  'a:\n  b: 1\n   c: 2\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n  - 1\n   - 2\n',
  'a:\n  - 1\n - 2\n',
  'a:\n\t- 1\n',
  'a:\n\tb: 1\n',
  'a: 1\n\t# tab then comment\n',
  'a:\t1\n',
  'a: 1 # ok\nb: 2# not a comment\nc: "3"# bad\n',
  'services\n  api:\n    image: x\n',
  'services:\n  api\n    image: x\n',
  'a b\nc: 1\n',
  'key\n',
  '- a\nb: 1\n',
  'a: 1\n- b\n',
  '? complex\n: value\n? [a, b]\n: seq key\n',
  '? |\n  block key\n: v\n',
  'a: b: c\n',
  'a:\n  - b: 1\n    c: 2\n  - d\n',
  '- - nested\n  - seq\n- -\n',
  'a: @x\n',
  'a: `x\n',
  'a: %x\n',
  'a: -\n',
  'a: |\n',
  'a: >\n\n',
  '"multi\n line": 1\n',
  'a: [b]c\n',
  '{a: 1} extra\n',
  'a: 1\nb: 2\n# trailing\n',
  'a:\n  # comment\n  b: 1\n',
  'a:\n  b: 1\n  # comment\n',
  'a:\n  -\n  - x\n',
  '1: one\n"1": quoted one\n1.0: float one\n',
  'null: a\n~: b\n',
  `${'k'.repeat(1030)}: long key\n`,
  'a: 1\n  b: 2\n',
  ':\n',
  ': v\n',
  '- a\n  - b\n',
  'x: !!map {a: 1}\ny: !!seq [1]\nz: !!str {a: 1}\n',
  'a: !<tag:yaml.org,2002:str> 1\nb: !<!> 2\n',
  'a: !e! 1\n',
  'a: *x\n',
  'a: &x b\nc: *x:\n',
];

/** Edits that turn a valid file into the mistakes people make: indentation, tabs, quotes, colons. */
const FRAGMENTS = [' ', '  ', '\t', '\n', ':', ': ', '- ', '-', '"', "'", '#', ' #', '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!str ', '|', '>', '? ', '%', '@', '`', '---\n', '...\n', '\r\n', '\\'];

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  const current = lines[line] ?? '';
  const at = Math.floor(next() * (current.length + 1));
  const choice = next();
  if (choice < 0.35) lines[line] = current.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + current.slice(at);
  else if (choice < 0.55) lines[line] = current.slice(0, at) + current.slice(at + 1 + Math.floor(next() * 3));
  else if (choice < 0.7) lines[line] = next() < 0.5 ? ` ${current}` : current.replace(/^ /, '');
  else if (choice < 0.8) lines.splice(line, 0, lines[Math.floor(next() * lines.length)] ?? '');
  else if (choice < 0.9) lines.splice(line, 1);
  else lines[line] = current.replace(/^( *)/, (indent) => indent.replace(/ {1,2}$/, '\t'));
  return lines.join('\n');
}

describe('our YAML composer against yaml’s', () => {
  it.each(CASES.map((text) => [JSON.stringify(text).slice(0, 60), text]))('agrees on %s', (_, text) => {
    expectAgreement(text);
  });

  it('agrees on every YAML sample of the course', () => {
    const texts = samples();
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expectAgreement(text);
  });

  // YAML_FUZZ_SEED, YAML_FUZZ_ROUNDS and YAML_FUZZ_EDITS search further, after a yaml upgrade for instance.
  const rounds = Number(process.env.YAML_FUZZ_ROUNDS ?? 70);
  it('agrees on thousands of mutations of those samples', { timeout: rounds * 1000 }, () => {
    const texts = [...samples(), ...CASES];
    const next = seededRandom(Number(process.env.YAML_FUZZ_SEED ?? 2026));
    let invalid = 0;
    for (let round = 0; round < rounds; round++) {
      for (const text of texts) {
        let mutated = text;
        const edits = 1 + Math.floor(next() * Number(process.env.YAML_FUZZ_EDITS ?? 3));
        for (let edit = 0; edit < edits; edit++) mutated = mutate(mutated, next);
        expectAgreement(mutated);
        if (!withReference(mutated).valid) invalid += 1;
      }
    }
    // The mutations must reach both sides of the question, or the comparison proves little.
    expect(invalid).toBeGreaterThan(1000);
  });

  it('reports a duplicate key with its code and where the second key is', () => {
    const { problems } = composeYaml('services:\n  api:\n    image: a\n    image: b\n');
    expect(problems).toEqual([{ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', range: [34, 35] }]);
  });

  it('finds the one duplicate among 100 000 keys (without comparing every pair, which would take minutes)', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}\n`);
    const text = [...keys, 'key5: again\n'].join('');
    const { problems, documents } = composeYaml(text);
    expect(problems.map((problem) => problem.code)).toEqual(['DUPLICATE_KEY']);
    expect(problems[0]!.range[0]).toBe(text.lastIndexOf('key5'));
    expect(documents[0]?.kind === 'map' && documents[0].items.length).toBe(100_001);
  });
});
