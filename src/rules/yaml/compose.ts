/**
 * Builds a small node tree from the concrete syntax tree of yaml's `Parser`, and reports what
 * makes the text invalid YAML on the way: duplicate keys, tabs used as indentation, items out of
 * line, keys spread over two lines, unclosed flow collections, bad escapes and the rest.
 *
 * yaml's own composer would do the same but brings its document model, stringifier and YAML 1.1
 * schema along, which is half the rules engine's weight in the browser. The rules only read maps,
 * sequences, scalars (typed by the YAML 1.2 core schema), anchors and aliases, with their source
 * ranges. `compose.test.ts` holds this composer to yaml's on every sample and thousands of mutations
 * of them: the same problems found (or none), and the same nodes, values and ranges.
 *
 * Scalars are typed by the YAML 1.2 core schema, as yaml does by default, even under a `%YAML 1.1`
 * directive (where yaml would switch to 1.1's `yes`/`no` booleans); tags of the 1.1 schema such as
 * `!!binary` or `!!set` leave the value as written.
 */
import { CST, Parser } from 'yaml';

type Range3 = [start: number, valueEnd: number, nodeEnd: number];

interface NodeBase {
  /** Offsets in the text: where the node starts, where its value ends, and where trailing comments end. */
  range: Range3;
  anchor?: string;
}
export interface YamlScalar extends NodeBase {
  kind: 'scalar';
  value: unknown;
  /** Written without quotes or block indicator: the only form in which `<<` is a merge key. */
  plain: boolean;
}
export interface YamlAlias extends NodeBase {
  kind: 'alias';
  /** The anchor name it refers to. */
  source: string;
}
export interface YamlPair {
  key: YamlNode;
  /** null for a key written without `:` (which is itself a problem). */
  value: YamlNode | null;
}
export interface YamlMap extends NodeBase {
  kind: 'map';
  items: YamlPair[];
}
export interface YamlSeq extends NodeBase {
  kind: 'seq';
  items: YamlNode[];
}
export type YamlNode = YamlScalar | YamlAlias | YamlMap | YamlSeq;

export interface ComposeProblem {
  code: string;
  message: string;
  range: [number, number];
}

/** Where a problem is: an offset, a range, or a token. */
type At = number | readonly [number, number, ...number[]] | { offset: number; source?: string };

/** The tokens before a node or a collection item: its indicator, anchor and tag, with the checks on them. */
interface Props {
  found: CST.SourceToken | null;
  anchor: CST.SourceToken | null;
  tag: CST.SourceToken | null;
  comma: CST.SourceToken | null;
  hasNewline: boolean;
  hasComment: boolean;
  newlineAfterProp: CST.SourceToken | null;
  start: number;
  end: number;
}

interface PropsContext {
  /** Set inside flow collections, where indentation belongs to the parser and commas separate items. */
  flow?: 'flow map' | 'flow sequence';
  indicator: 'doc-start' | 'explicit-key-ind' | 'map-value-ind' | 'seq-item-ind';
  next: CST.Token | CST.SourceToken | undefined;
  offset: number;
  parentIndent: number;
  startOnNewline: boolean;
}

const DUPLICATE_MESSAGE = 'Map keys must be unique';
const SAME_COLUMN = 'All mapping items must start at the same column';
const TAB_MESSAGE = 'Tabs are not allowed as indentation: indent with spaces';
const PROP_SPACE_MESSAGE = 'An anchor or tag must be followed by a space';
const COMMENT_SPACE_MESSAGE = 'A comment must be separated from what comes before it by a space';
const BLOCK_IN_FLOW_MESSAGE = 'Block collections are not allowed within flow collections';
const LONG_KEY_MESSAGE = 'A key without ? must be at most 1024 characters long';
const FLOW_KEY_LINE_MESSAGE = 'A key in a flow sequence must be on one line';
const STR = 'tag:yaml.org,2002:str';

/** The YAML 1.2 core schema: how a plain scalar's text becomes null, a boolean or a number. */
const CORE_TYPES: Array<{ tag: string; test: RegExp; read: (text: string) => unknown }> = [
  { tag: 'null', test: /^(?:~|[Nn]ull|NULL)?$/, read: () => null },
  { tag: 'bool', test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, read: (text) => text[0] === 't' || text[0] === 'T' },
  { tag: 'int', test: /^0o[0-7]+$/, read: (text) => parseInt(text.slice(2), 8) },
  { tag: 'int', test: /^[-+]?[0-9]+$/, read: (text) => parseInt(text, 10) },
  { tag: 'int', test: /^0x[0-9a-fA-F]+$/, read: (text) => parseInt(text.slice(2), 16) },
  { tag: 'float', test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, read: (text) => (/nan$/i.test(text) ? NaN : text[0] === '-' ? -Infinity : Infinity) },
  { tag: 'float', test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, read: parseFloat },
  { tag: 'float', test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, read: parseFloat },
];

function problemRange(at: At): [number, number] {
  if (typeof at === 'number') return [at, at + 1];
  if ('offset' in at) return [at.offset, at.offset + (typeof at.source === 'string' ? at.source.length : 1)];
  return [at[0], at[1]];
}

/** Whether a key token spreads over more than one line, which an implicit key may not. */
function spansLines(token: CST.Token | null | undefined): boolean {
  if (!token) return false;
  switch (token.type) {
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return token.source.includes('\n') || (token.end ?? []).some((end) => end.type === 'newline');
    case 'flow-collection':
      return token.items.some(
        (item) => [...item.start, ...(item.sep ?? [])].some((source) => source.type === 'newline') || spansLines(item.key) || spansLines(item.value),
      );
    default:
      return true;
  }
}

const isBlockCollection = (token: CST.Token | null | undefined): boolean => token?.type === 'block-map' || token?.type === 'block-seq';

/**
 * The scalar keys a mapping has seen: a key clashes with an earlier one of equal value (so `1` and
 * `1.0` clash, `1` and `"1"` do not). Collections and aliases as keys never clash; nor does NaN.
 */
class KeySet {
  #values = new Set<unknown>();

  /** Adds the key; false when an equal key was already there. */
  add(key: YamlNode): boolean {
    if (key.kind !== 'scalar' || key.value !== key.value) return true;
    if (this.#values.has(key.value)) return false;
    this.#values.add(key.value);
    return true;
  }
}

class Composer {
  readonly problems: ComposeProblem[] = [];
  /** `%TAG` handles declared for the coming document. */
  #tagHandles = new Map<string, string>();
  #atDirectives = false;

  #problem(at: At, code: string, message: string): void {
    this.problems.push({ code, message, range: problemRange(at) });
  }

  /** Every document in the stream, each as its root node. */
  stream(text: string): YamlNode[] {
    const documents: YamlNode[] = [];
    for (const token of new Parser().parse(text)) {
      switch (token.type) {
        case 'directive':
          this.#directive(token);
          break;
        case 'document':
          documents.push(this.#document(token));
          break;
        case 'error':
          this.#problem(token, 'UNEXPECTED_TOKEN', token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message);
          break;
        case 'doc-end':
          if (documents.length === 0) this.#problem(token, 'UNEXPECTED_TOKEN', 'A document end marker (...) with no document before it');
          this.#end(token.end, token.offset + token.source.length, true);
          break;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        default:
          this.#problem(token, 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`);
      }
    }
    return documents;
  }

  #directive(token: CST.Directive): void {
    this.#atDirectives = true;
    const [name, ...parts] = token.source.trim().split(/[ \t]+/);
    if (name === '%TAG') {
      if (parts.length !== 2) this.#problem([token.offset, token.offset + token.source.length], 'BAD_DIRECTIVE', '%TAG takes exactly two parts: a handle and a prefix');
      if (parts.length >= 2) this.#tagHandles.set(parts[0]!, parts[1]!);
    } else if (name === '%YAML') {
      const [version] = parts;
      // An unknown but well-formed version is only a warning to yaml, as to the YAML spec.
      if (parts.length !== 1 || (version !== '1.1' && version !== '1.2' && !/^\d+\.\d+$/.test(version!))) {
        this.#problem([token.offset, token.offset + token.source.length], 'BAD_DIRECTIVE', '%YAML takes exactly one version, such as 1.2');
      }
    }
  }

  #document(token: CST.Document): YamlNode {
    const props = this.#props(token.start, { indicator: 'doc-start', next: token.value ?? token.end?.[0], offset: token.offset, parentIndent: 0, startOnNewline: true });
    if (this.#atDirectives && !props.found) this.#problem(token, 'MISSING_CHAR', 'Directives must be followed by a --- line');
    this.#atDirectives = false;
    if (props.found && isBlockCollection(token.value) && !props.hasNewline) {
      this.#problem(props.end, 'MISSING_CHAR', 'A block mapping or sequence cannot start on the --- line');
    }
    const root = token.value ? this.#node(token.value, props, true) : this.#empty(props.end, token.start, props);
    this.#end(token.end, root.range[2], false);
    // %TAG directives declare handles for the one document that follows them.
    this.#tagHandles = new Map();
    return root;
  }

  /**
   * Reads the tokens before a node: the indicator (`-`, `?`, `:` or `---`), anchor, tag, comments
   * and, in flow collections, the comma.
   */
  #props(tokens: CST.SourceToken[], context: PropsContext): Props {
    const { flow, indicator, next } = context;
    const props: Props = { found: null, anchor: null, tag: null, comma: null, hasNewline: false, hasComment: false, newlineAfterProp: null, start: -1, end: context.offset };
    let atLineStart = context.startOnNewline;
    let spaced = context.startOnNewline;
    let needsSpace = false;
    let tab: CST.SourceToken | null = null;
    const anchorOrTag = (token: CST.SourceToken) => {
      if (props.start < 0) props.start = token.offset;
      atLineStart = false;
      spaced = false;
      needsSpace = true;
    };
    for (const token of tokens) {
      if (needsSpace && token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') {
        this.#problem(token.offset, 'MISSING_CHAR', PROP_SPACE_MESSAGE);
      }
      needsSpace = false;
      if (tab && atLineStart && token.type !== 'comment' && token.type !== 'newline') this.#problem(tab, 'TAB_AS_INDENT', TAB_MESSAGE);
      tab = null;
      switch (token.type) {
        case 'space':
          // Outside flow collections, a tab at the start of a line is indentation, which YAML forbids.
          if (!flow && (indicator !== 'doc-start' || next?.type !== 'flow-collection') && token.source.includes('\t')) tab = token;
          spaced = true;
          break;
        case 'comment':
          if (!spaced) this.#problem(token, 'MISSING_CHAR', COMMENT_SPACE_MESSAGE);
          props.hasComment = true;
          atLineStart = false;
          break;
        case 'newline':
          atLineStart = true;
          spaced = true;
          props.hasNewline = true;
          if (props.anchor || props.tag) props.newlineAfterProp = token;
          break;
        case 'anchor':
          if (props.anchor) this.#problem(token, 'MULTIPLE_ANCHORS', 'A node can have only one anchor');
          props.anchor = token;
          anchorOrTag(token);
          break;
        case 'tag':
          if (props.tag) this.#problem(token, 'MULTIPLE_TAGS', 'A node can have only one tag');
          props.tag = token;
          anchorOrTag(token);
          break;
        case indicator:
          if (props.anchor || props.tag) this.#problem(token, 'BAD_PROP_ORDER', `Anchors and tags go after the ${token.source} indicator`);
          if (props.found) this.#problem(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
          props.found = token;
          atLineStart = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
          spaced = false;
          break;
        default:
          if (token.type === 'comma' && flow) {
            if (props.comma) this.#problem(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
            props.comma = token;
          } else {
            this.#problem(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
          }
          atLineStart = false;
          spaced = false;
      }
    }
    const last = tokens.at(-1);
    if (last) props.end = last.offset + last.source.length;
    if (props.start < 0) props.start = props.end;
    if (needsSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && !(next.type === 'scalar' && next.source === '')) {
      this.#problem(next.offset, 'MISSING_CHAR', PROP_SPACE_MESSAGE);
    }
    if (tab && ((atLineStart && (tab.indent ?? 0) <= context.parentIndent) || next?.type === 'block-map' || next?.type === 'block-seq')) {
      this.#problem(tab, 'TAB_AS_INDENT', TAB_MESSAGE);
    }
    return props;
  }

  /** The spaces, comments and newlines after a node; returns where they end. */
  #end(tokens: CST.SourceToken[] | undefined, offset: number, commentNeedsSpace: boolean): number {
    let spaced = false;
    for (const token of tokens ?? []) {
      if (token.type === 'space' || token.type === 'newline') spaced = true;
      else if (token.type === 'comment') {
        if (commentNeedsSpace && !spaced) this.#problem(token, 'MISSING_CHAR', COMMENT_SPACE_MESSAGE);
      } else this.#problem(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} at node end`);
      offset += token.source.length;
    }
    return offset;
  }

  #node(token: CST.Token, props: Props, atRoot = false): YamlNode {
    let node: YamlNode;
    switch (token.type) {
      case 'alias': {
        const name = token.source.slice(1);
        if (name === '') this.#problem(token.offset, 'BAD_ALIAS', 'An alias needs an anchor name after the *');
        if (props.anchor || props.tag) this.#problem(token, 'ALIAS_PROPS', 'An alias cannot have an anchor or tag of its own');
        const valueEnd = token.offset + token.source.length;
        node = { kind: 'alias', source: name, range: [token.offset, valueEnd, this.#end(token.end, valueEnd, true)] };
        break;
      }
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        node = this.#anchor(this.#scalar(token, props.tag, atRoot), props);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        try {
          node = this.#anchor(this.#collection(token, props), props);
        } catch (error) {
          // Nesting deep enough to exhaust the stack.
          this.#problem(token, 'RESOURCE_EXHAUSTION', error instanceof Error ? error.message : String(error));
          node = this.#empty(token.offset, undefined, props);
        }
        break;
      default:
        this.#problem(token, 'UNEXPECTED_TOKEN', token.type === 'error' ? token.message : `Unsupported token ${token.type}`);
        node = this.#empty(token.offset, undefined, props);
    }
    return node;
  }

  /** Gives the node the anchor among its props, if any (an empty node got it already). */
  #anchor<T extends YamlNode>(node: T, props: Props): T {
    if (props.anchor) {
      node.anchor = props.anchor.source.slice(1);
      if (node.anchor === '') this.#problem(props.anchor, 'BAD_ALIAS', 'An anchor needs a name after the &');
    }
    return node;
  }

  /** A node where the text has none, such as the value of `key:`; it sits after the last token before it. */
  #empty(offset: number, before: CST.SourceToken[] | undefined, props: Props): YamlScalar {
    let position = offset;
    if (before) {
      let index = before.length - 1;
      while (index >= 0 && ['space', 'comment', 'newline'].includes(before[index]!.type)) position -= before[index--]!.source.length;
      if (index >= 0) {
        for (index += 1; before[index]?.type === 'space'; index++) position += before[index]!.source.length;
      }
    }
    const node = this.#anchor(this.#scalar({ type: 'scalar', offset: position, indent: -1, source: '' }, props.tag), props);
    if (props.hasComment) node.range[2] = props.end;
    return node;
  }

  #scalar(token: CST.FlowScalar | CST.BlockScalar, tag: CST.SourceToken | null, atRoot = false): YamlScalar {
    const resolved = CST.resolveAsScalar(token, true, (offset, code, message) => {
      // A block scalar that is a whole document may start its lines in column 1; one inside a collection may not.
      if (!(atRoot && code === 'BAD_INDENT' && message.startsWith('Block scalar values in collections'))) this.#problem(offset, code, message);
    })!;
    const tagName = tag ? this.#tagName(tag) : null;
    let value: unknown = resolved.value;
    if (!tagName ? token.type === 'scalar' : tagName.startsWith('tag:yaml.org,2002:') && tagName !== STR) {
      // An explicit core tag (!!int) reads the text as that type if it can; an untagged plain scalar takes the first type that matches.
      const type = CORE_TYPES.find((candidate) => (!tagName || tagName === `tag:yaml.org,2002:${candidate.tag}`) && candidate.test.test(resolved.value));
      if (type) value = type.read(resolved.value);
    }
    return { kind: 'scalar', value, plain: token.type === 'scalar', range: resolved.range };
  }

  /** A tag's full name, or null (with a problem) when its handle is undeclared or it is malformed. */
  #tagName(tag: CST.SourceToken): string | null {
    const { source } = tag;
    if (source === '!') return '!';
    if (source.startsWith('!<')) {
      const verbatim = source.slice(2, -1);
      if (verbatim === '!' || verbatim === '!!') {
        this.#problem(tag, 'TAG_RESOLVE_FAILED', `A verbatim tag cannot be ${source}`);
        return null;
      }
      if (!source.endsWith('>')) this.#problem(tag, 'TAG_RESOLVE_FAILED', 'A verbatim tag must end with >');
      return verbatim;
    }
    const [, handle = '', suffix = ''] = /^(.*!)([^!]*)$/s.exec(source) ?? [];
    if (!suffix) this.#problem(tag, 'TAG_RESOLVE_FAILED', `The ${source} tag has no name after its handle`);
    const prefix = handle === '!!' && !this.#tagHandles.has('!!') ? 'tag:yaml.org,2002:' : this.#tagHandles.get(handle);
    if (prefix !== undefined) {
      try {
        return prefix + decodeURIComponent(suffix);
      } catch {
        this.#problem(tag, 'TAG_RESOLVE_FAILED', `The ${source} tag is not valid URI escaping`);
        return null;
      }
    }
    if (handle === '!') return source;
    this.#problem(tag, 'TAG_RESOLVE_FAILED', `The ${handle} tag handle is not declared by a %TAG directive`);
    return null;
  }

  #collection(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, props: Props): YamlMap | YamlSeq {
    if (props.tag) this.#tagName(props.tag);
    if (token.type === 'block-seq') {
      const last = props.anchor && props.tag ? (props.anchor.offset > props.tag.offset ? props.anchor : props.tag) : (props.anchor ?? props.tag);
      if (last && (!props.newlineAfterProp || props.newlineAfterProp.offset < last.offset)) {
        this.#problem(last, 'MISSING_CHAR', 'An anchor or tag on a block sequence must be followed by a new line');
      }
    }
    if (token.type === 'block-map') return this.#blockMap(token);
    if (token.type === 'block-seq') return this.#blockSeq(token);
    return this.#flowCollection(token);
  }

  #blockMap(token: CST.BlockMap): YamlMap {
    const map: YamlMap = { kind: 'map', items: [], range: [token.offset, token.offset, token.offset] };
    const keys = new KeySet();
    let offset = token.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of token.items) {
      const keyProps = this.#props(start, { indicator: 'explicit-key-ind', next: key ?? sep?.[0], offset, parentIndent: token.indent, startOnNewline: true });
      const implicitKey = !keyProps.found;
      if (implicitKey) {
        if (key?.type === 'block-seq') this.#problem(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence cannot be a mapping key');
        else if (key && 'indent' in key && key.indent !== token.indent) this.#problem(offset, 'BAD_INDENT', SAME_COLUMN);
        if (!keyProps.anchor && !keyProps.tag && !sep) {
          // Only comments: nothing to add.
          commentEnd = keyProps.end;
          continue;
        }
        if (keyProps.newlineAfterProp || spansLines(key)) {
          this.#problem(key ?? start.at(-1)!, 'MULTILINE_IMPLICIT_KEY', 'A key must fit on one line: a colon may be missing at the end of the line before');
        }
      } else if (keyProps.found?.indent !== token.indent) {
        this.#problem(offset, 'BAD_INDENT', SAME_COLUMN);
      }
      const keyNode = key ? this.#node(key, keyProps) : this.#empty(keyProps.end, start, keyProps);
      if (!keys.add(keyNode)) this.#problem(keyProps.end, 'DUPLICATE_KEY', DUPLICATE_MESSAGE);
      const valueProps = this.#props(sep ?? [], {
        indicator: 'map-value-ind',
        next: value,
        offset: keyNode.range[2],
        parentIndent: token.indent,
        startOnNewline: !key || key.type === 'block-scalar',
      });
      offset = valueProps.end;
      if (valueProps.found) {
        if (implicitKey && value?.type === 'block-map' && !valueProps.hasNewline) {
          this.#problem(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A nested mapping must start on a new line');
        }
        if (implicitKey && keyProps.start < valueProps.found.offset - 1024) {
          this.#problem(keyNode.range, 'KEY_OVER_1024_CHARS', LONG_KEY_MESSAGE);
        }
        const valueNode = value ? this.#node(value, valueProps) : this.#empty(offset, sep, valueProps);
        offset = valueNode.range[2];
        map.items.push({ key: keyNode, value: valueNode });
      } else {
        if (implicitKey) this.#problem(keyNode.range, 'MISSING_CHAR', 'A key must be followed by a colon and its value');
        map.items.push({ key: keyNode, value: null });
      }
    }
    if (commentEnd !== null && commentEnd < offset) this.#problem(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [token.offset, offset, commentEnd ?? offset];
    return map;
  }

  #blockSeq(token: CST.BlockSequence): YamlSeq {
    const seq: YamlSeq = { kind: 'seq', items: [], range: [token.offset, token.offset, token.offset] };
    let offset = token.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of token.items) {
      const props = this.#props(start, { indicator: 'seq-item-ind', next: value, offset, parentIndent: token.indent, startOnNewline: true });
      if (!props.found) {
        if (!props.anchor && !props.tag && !value) {
          commentEnd = props.end;
          continue;
        }
        if (value?.type === 'block-seq') this.#problem(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
        else this.#problem(offset, 'MISSING_CHAR', 'A sequence item needs its - indicator');
      }
      const node = value ? this.#node(value, props) : this.#empty(props.end, start, props);
      offset = node.range[2];
      seq.items.push(node);
    }
    seq.range = [token.offset, offset, commentEnd ?? offset];
    return seq;
  }

  #flowCollection(token: CST.FlowCollection): YamlMap | YamlSeq {
    const isMap = token.start.source === '{';
    const name = isMap ? 'flow map' : 'flow sequence';
    const mapItems: YamlPair[] = [];
    const keys = new KeySet();
    const seqItems: YamlNode[] = [];
    let offset = token.offset + token.start.source.length;
    token.items.forEach(({ start, key, sep, value }, index) => {
      const props = this.#props(start, { flow: name, indicator: 'explicit-key-ind', next: key ?? sep?.[0], offset, parentIndent: token.indent, startOnNewline: false });
      if (!props.found) {
        if (!props.anchor && !props.tag && !sep && !value) {
          if (index === 0 && props.comma) this.#problem(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${name}`);
          else if (index < token.items.length - 1) this.#problem(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${name}`);
          offset = props.end;
          return;
        }
        if (!isMap && spansLines(key)) this.#problem(key!, 'MULTILINE_IMPLICIT_KEY', FLOW_KEY_LINE_MESSAGE);
      }
      if (index === 0 && props.comma) this.#problem(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${name}`);
      if (index > 0 && !props.comma) this.#problem(props.start, 'MISSING_CHAR', `Missing , between ${name} items`);
      if (!isMap && !sep && !props.found) {
        const node = value ? this.#node(value, props) : this.#empty(props.end, sep, props);
        if (isBlockCollection(value)) this.#problem(node.range, 'BLOCK_IN_FLOW', BLOCK_IN_FLOW_MESSAGE);
        seqItems.push(node);
        offset = node.range[2];
        return;
      }
      const keyNode = key ? this.#node(key, props) : this.#empty(props.end, start, props);
      if (isBlockCollection(key)) this.#problem(keyNode.range, 'BLOCK_IN_FLOW', BLOCK_IN_FLOW_MESSAGE);
      const valueProps = this.#props(sep ?? [], { flow: name, indicator: 'map-value-ind', next: value, offset: keyNode.range[2], parentIndent: token.indent, startOnNewline: false });
      if (valueProps.found) {
        if (!isMap && !props.found) {
          const newline = (sep ?? []).slice(0, (sep ?? []).indexOf(valueProps.found)).find((source) => source.type === 'newline');
          if (newline) this.#problem(newline, 'MULTILINE_IMPLICIT_KEY', FLOW_KEY_LINE_MESSAGE);
          if (props.start < valueProps.found.offset - 1024) this.#problem(valueProps.found, 'KEY_OVER_1024_CHARS', LONG_KEY_MESSAGE);
        }
      } else if (value) {
        if ('source' in value && value.source?.[0] === ':') this.#problem(value, 'MISSING_CHAR', `Missing space after : in ${name}`);
        else this.#problem(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${name} items`);
      }
      const valueNode = value ? this.#node(value, valueProps) : valueProps.found ? this.#empty(valueProps.end, sep, valueProps) : null;
      if (valueNode && isBlockCollection(value)) this.#problem(valueNode.range, 'BLOCK_IN_FLOW', BLOCK_IN_FLOW_MESSAGE);
      const pair: YamlPair = { key: keyNode, value: valueNode };
      if (isMap) {
        if (!keys.add(keyNode)) this.#problem(props.end, 'DUPLICATE_KEY', DUPLICATE_MESSAGE);
        mapItems.push(pair);
      } else {
        // A `key: value` inside a flow sequence is a single-pair map.
        const end = (valueNode ?? keyNode).range;
        seqItems.push({ kind: 'map', items: [pair], range: [keyNode.range[0], end[1], end[2]] });
      }
      offset = valueNode ? valueNode.range[2] : valueProps.end;
    });
    const expected = isMap ? '}' : ']';
    const [close, ...rest] = token.end;
    let closeEnd = offset;
    if (close?.source === expected) closeEnd = close.offset + close.source.length;
    else {
      this.#problem(offset, 'MISSING_CHAR', `This ${name} must be closed with ${expected}, and its lines indented more than the key it belongs to`);
      if (close && close.source.length !== 1) rest.unshift(close);
    }
    const range: Range3 = [token.offset, closeEnd, rest.length > 0 ? this.#end(rest, closeEnd, true) : closeEnd];
    return isMap ? { kind: 'map', items: mapItems, range } : { kind: 'seq', items: seqItems, range };
  }
}

export interface ComposedStream {
  documents: YamlNode[];
  problems: ComposeProblem[];
}

/** Parses YAML text into one root node per document, with every problem that makes it invalid. */
export function composeYaml(text: string): ComposedStream {
  const composer = new Composer();
  const documents = composer.stream(text);
  return { documents, problems: composer.problems };
}
