import { composeYaml, type YamlMap, type YamlNode, type YamlPair, type YamlSeq } from './compose.js';
import { LineIndex } from '../text.js';
import type { Span } from '../types.js';

export type { YamlMap, YamlNode, YamlPair, YamlSeq } from './compose.js';

type Node = YamlNode;
type Pair = YamlPair;

const isNode = (value: unknown): value is YamlNode => typeof value === 'object' && value !== null && 'kind' in value;

export interface YamlProblem {
  code: string;
  message: string;
  span: Span;
}

export interface YamlFile {
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
  /** Syntax errors and duplicate keys, in every document. */
  problems: YamlProblem[];
}

/**
 * One YAML document with what is needed to read it: aliases resolve to their anchors, and
 * `<<` merge keys (which compose files use for shared `x-` blocks) are followed.
 */
export class YamlDocument {
  /** Anchored nodes by anchor name, in document order. */
  #anchors: Map<string, Array<{ start: number; node: Node }>> | undefined;

  constructor(
    readonly file: { lines: LineIndex },
    /** The document's root node; an empty document has a null scalar here. */
    readonly root: Node,
  ) {}

  span(node: unknown): Span {
    if (!isNode(node)) return this.file.lines.span(0, 0);
    return this.file.lines.span(node.range[0], node.range[1]);
  }

  /** A node with aliases followed to the anchored node they stand for. */
  resolve(node: unknown): Node | null {
    let current = node;
    for (let hops = 0; isNode(current) && current.kind === 'alias' && hops < 32; hops++) current = this.#anchorFor(current.source, current.range[0]);
    return isNode(current) && current.kind !== 'alias' ? current : null;
  }

  map(node: unknown): YamlMap | undefined {
    const resolved = this.resolve(node);
    return resolved?.kind === 'map' ? resolved : undefined;
  }

  seq(node: unknown): YamlSeq | undefined {
    const resolved = this.resolve(node);
    return resolved?.kind === 'seq' ? resolved : undefined;
  }

  /** A scalar's value; undefined for collections and missing nodes. */
  scalar(node: unknown): unknown {
    const resolved = this.resolve(node);
    return resolved?.kind === 'scalar' ? resolved.value : undefined;
  }

  /** A span from the start of one node to the end of another, e.g. a key and its value. */
  spanBetween(first: unknown, last: unknown): Span {
    const start = this.span(first);
    const end = this.span(last ?? first);
    return { line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn };
  }

  /** A fix that deletes the whole lines a key and its value occupy. */
  deleteLines(span: Span): { line: number; column: number; endLine: number; endColumn: number; text: string } {
    const { lines } = this.file;
    const end = span.endLine < lines.lineCount ? { line: span.endLine + 1, column: 1 } : lines.position(lines.text.length);
    return { line: span.line, column: 1, endLine: end.line, endColumn: end.column, text: '' };
  }

  /** The scalar as text, for values that YAML may have typed as numbers or booleans. */
  text(node: unknown): string | undefined {
    const value = this.scalar(node);
    return value === undefined || value === null ? undefined : String(value);
  }

  items(node: unknown): Node[] {
    return (this.seq(node)?.items ?? []).flatMap((item) => {
      const resolved = this.resolve(item);
      return resolved ? [resolved] : [];
    });
  }

  /**
   * The node as plain data, aliases and merge keys resolved. The node budget keeps an alias bomb
   * (aliases of aliases, doubling at each level) from expanding without end.
   */
  plain(node: unknown, budget = { nodes: 10_000 }): unknown {
    if (--budget.nodes < 0) return undefined;
    const resolved = this.resolve(node);
    if (resolved?.kind === 'scalar') return resolved.value;
    if (resolved?.kind === 'seq') return resolved.items.map((item) => this.plain(item, budget));
    if (resolved?.kind === 'map') return Object.fromEntries(this.entries(resolved).map((entry) => [entry.key, this.plain(entry.value, budget)]));
    return null;
  }

  /** The map's entries with merge keys expanded; the map's own keys win, as YAML specifies. */
  entries(node: unknown, depth = 0): Array<{ key: string; pair: Pair; value: Node | null }> {
    const map = this.map(node);
    if (!map || depth > 16) return [];
    const own: Array<{ key: string; pair: Pair; value: Node | null }> = [];
    const merged: Array<{ key: string; pair: Pair; value: Node | null }> = [];
    for (const pair of map.items) {
      const key = this.text(pair.key) ?? '';
      // Only a plain `<<` is a merge key; a quoted one is an ordinary key.
      if (pair.key.kind === 'scalar' && pair.key.value === '<<' && pair.key.plain) {
        const sources = this.seq(pair.value) ? this.items(pair.value) : [this.resolve(pair.value)];
        for (const source of sources) merged.push(...this.entries(source, depth + 1));
      } else {
        own.push({ key, pair, value: this.resolve(pair.value) });
      }
    }
    const seen = new Set(own.map((entry) => entry.key));
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      own.push(entry);
    }
    return own;
  }

  get(node: unknown, key: string): { pair: Pair; value: Node | null } | undefined {
    return this.entries(node).find((entry) => entry.key === key);
  }

  /** The value at a path of keys, or undefined when any step is missing. */
  at(node: unknown, ...keys: string[]): Node | null | undefined {
    let current: Node | null | undefined = this.resolve(node);
    for (const key of keys) {
      current = this.get(current, key)?.value;
      if (current === undefined) return undefined;
    }
    return current;
  }

  /** The node an alias names: the last node with that anchor before the alias, as YAML specifies. */
  #anchorFor(name: string, before: number): Node | undefined {
    if (!this.#anchors) {
      const anchors = new Map<string, Array<{ start: number; node: Node }>>();
      const pending: Array<Node | null> = [this.root];
      while (pending.length > 0) {
        const node = pending.pop();
        if (!node) continue;
        if (node.anchor) {
          const list = anchors.get(node.anchor) ?? [];
          list.push({ start: node.range[0], node });
          anchors.set(node.anchor, list);
        }
        if (node.kind === 'seq') pending.push(...node.items);
        if (node.kind === 'map') pending.push(...node.items.flatMap((pair) => [pair.key, pair.value]));
      }
      for (const list of anchors.values()) list.sort((a, b) => a.start - b.start);
      this.#anchors = anchors;
    }
    const candidates = this.#anchors.get(name) ?? [];
    let low = 0;
    let high = candidates.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((candidates[mid]?.start ?? 0) < before) low = mid + 1;
      else high = mid;
    }
    return candidates[low - 1]?.node;
  }
}

export function parseYaml(text: string): YamlFile {
  const lines = new LineIndex(text);
  const file: YamlFile = { text, lines, documents: [], problems: [] };
  const { documents, problems } = composeYaml(text);
  for (const { code, message, range } of problems) file.problems.push({ code, message, span: lines.span(range[0], range[1]) });
  file.documents = documents.map((root) => new YamlDocument(file, root));
  return file;
}
