// @ts-check
/**
 * A reader for the part of YAML that Kubernetes manifests are written in: block mappings
 * and sequences, plain and quoted scalars, `[a, b]` lists of scalars, and comments. Lab
 * apps use Node built-ins only, so this stands in for a YAML library. Anything outside
 * that part (anchors, tags, block scalars, several documents) is an error naming its
 * line, never a silent misreading.
 */

export class YamlError extends Error {
  /**
   * @param {number} line 1-based
   * @param {string} message
   */
  constructor(line, message) {
    super(`line ${line}: ${message}`);
    this.name = 'YamlError';
  }
}

/** @typedef {{ number: number, indent: number, text: string }} Line */

/**
 * @param {string} text
 * @returns {unknown} the document's value; null for an empty document
 */
export function parseYaml(text) {
  const lines = readLines(text);
  if (lines.length === 0) return null;
  const reader = { lines, at: 0 };
  const first = /** @type {Line} */ (lines[0]);
  const value = readBlock(reader, first.indent);
  const rest = lines[reader.at];
  if (rest) throw new YamlError(rest.number, rest.indent > 0 ? 'unexpected indentation' : 'unexpected content after the document');
  return value;
}

/**
 * Splits the text into lines that hold content, without comments; handles the document
 * markers `---` (only at the top) and `...`.
 * @param {string} text
 * @returns {Line[]}
 */
function readLines(text) {
  /** @type {Line[]} */
  const lines = [];
  let ended = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    const indentText = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = stripComment(raw.slice(indentText.length)).trimEnd();
    if (content === '') return;
    if (ended) throw new YamlError(number, 'content after the end of the document ("...")');
    if (indentText.includes('\t')) throw new YamlError(number, 'indent with spaces: YAML does not allow tabs here');
    if (indentText.length === 0 && /^---(?:\s|$)/.test(content)) {
      if (lines.length > 0) throw new YamlError(number, 'only one document per file: remove this "---" and what follows, or move it to its own file');
      if (content.slice(3).trim() !== '') throw new YamlError(number, 'start the document on the line after "---"');
      return;
    }
    if (indentText.length === 0 && content === '...') {
      ended = true;
      return;
    }
    lines.push({ number, indent: indentText.length, text: content });
  });
  return lines;
}

/**
 * Removes a `# comment`: a `#` at the start or after a space, outside quotes. A quote
 * opens only where a quoted value can start, so the apostrophe in `it's` is text.
 * @param {string} text
 */
function stripComment(text) {
  /** @type {string | null} */
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const previous = i === 0 ? ' ' : (text[i - 1] ?? ' ');
    if (quote === '"' && char === '\\') i++;
    else if (quote !== null && char === quote) quote = null;
    else if (quote === null && (char === '"' || char === "'") && /[\s[,]/.test(previous)) quote = char;
    else if (quote === null && char === '#' && /\s/.test(previous)) return text.slice(0, i);
  }
  return text;
}

/**
 * @typedef {object} Reader
 * @property {Line[]} lines
 * @property {number} at index of the next unread line
 */

/**
 * A mapping or a sequence whose entries start at `indent`.
 * @param {Reader} reader
 * @param {number} indent
 * @returns {unknown}
 */
function readBlock(reader, indent) {
  const line = reader.lines[reader.at];
  if (!line) return null;
  return isSequenceItem(line.text) ? readSequence(reader, indent) : readMapping(reader, indent);
}

/** @param {string} text */
function isSequenceItem(text) {
  return text === '-' || text.startsWith('- ');
}

/**
 * `key: value` where the key is plain or quoted; null when the text is not a mapping entry.
 * @param {string} text
 * @param {number} number the line, for errors in a quoted key
 * @returns {{ key: string, rest: string } | null}
 */
function mappingEntry(text, number) {
  const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#[\]{},&*!|>%@`?-][^#]*?|-[^\s#][^#]*?)[ ]*:(?:[ ]+(.*))?$/.exec(text);
  if (!match) return null;
  const rawKey = /** @type {string} */ (match[1]);
  const key = rawKey.startsWith('"') || rawKey.startsWith("'") ? readQuoted(rawKey, number) : rawKey;
  return { key, rest: (match[2] ?? '').trim() };
}

/**
 * @param {Reader} reader
 * @param {number} indent
 * @returns {Record<string, unknown>}
 */
function readMapping(reader, indent) {
  /** @type {Map<string, unknown>} */
  const mapping = new Map();
  while (reader.at < reader.lines.length) {
    const line = /** @type {Line} */ (reader.lines[reader.at]);
    if (line.indent < indent) break;
    if (line.indent > indent) throw new YamlError(line.number, 'unexpected indentation');
    if (isSequenceItem(line.text)) throw new YamlError(line.number, 'a list item where a "key: value" line was expected');
    const entry = mappingEntry(line.text, line.number);
    if (!entry) throw new YamlError(line.number, `expected "key: value", found "${line.text}"`);
    if (mapping.has(entry.key)) throw new YamlError(line.number, `"${entry.key}" appears twice in the same mapping`);
    reader.at++;
    mapping.set(entry.key, entry.rest === '' ? readNested(reader, indent) : readInlineValue(entry.rest, line.number));
  }
  // fromEntries makes "__proto__" an ordinary key rather than the object's prototype.
  return Object.fromEntries(mapping);
}

/**
 * The value of a `key:` with nothing after it: a more indented block, a sequence at the
 * key's own indent (the usual Kubernetes style), or null.
 * @param {Reader} reader
 * @param {number} indent
 */
function readNested(reader, indent) {
  const next = reader.lines[reader.at];
  if (!next || next.indent < indent) return null;
  if (next.indent === indent) return isSequenceItem(next.text) ? readSequence(reader, indent) : null;
  return readBlock(reader, next.indent);
}

/**
 * @param {Reader} reader
 * @param {number} indent
 * @returns {unknown[]}
 */
function readSequence(reader, indent) {
  /** @type {unknown[]} */
  const items = [];
  while (reader.at < reader.lines.length) {
    const line = /** @type {Line} */ (reader.lines[reader.at]);
    if (line.indent < indent || (line.indent === indent && !isSequenceItem(line.text))) break;
    if (line.indent > indent) throw new YamlError(line.number, 'unexpected indentation');
    const after = line.text.slice(1);
    const content = after.trimStart();
    if (content === '') {
      reader.at++;
      const next = reader.lines[reader.at];
      items.push(next && next.indent > indent ? readBlock(reader, next.indent) : null);
    } else if (isSequenceItem(content) || mappingEntry(content, line.number)) {
      // The item's content starts a block of its own, indented as far as its first character.
      reader.lines[reader.at] = { number: line.number, indent: indent + 1 + (after.length - content.length), text: content };
      items.push(readBlock(reader, indent + 1 + (after.length - content.length)));
    } else {
      reader.at++;
      items.push(readInlineValue(content, line.number));
    }
  }
  return items;
}

/**
 * A value on the same line as its key or dash.
 * @param {string} text trimmed
 * @param {number} number
 * @returns {unknown}
 */
function readInlineValue(text, number) {
  const first = text[0];
  if (first === '"' || first === "'") return readQuoted(text, number);
  if (first === '[') return readFlowSequence(text, number);
  if (text === '{}') return {};
  if (first === '{') throw new YamlError(number, 'write this mapping in block style, one "key: value" per line');
  if (first === '&' || first === '*') throw new YamlError(number, 'anchors and aliases are not supported here: write the value out');
  if (first === '!') throw new YamlError(number, 'tags are not supported here: remove the "!" part');
  if (first === '|' || first === '>') throw new YamlError(number, 'block scalars are not supported here: write the value on one line, quoted');
  if (first === '@' || first === '`') throw new YamlError(number, `"${first}" cannot start a plain value: quote it`);
  return readPlainScalar(text);
}

/**
 * A whole quoted scalar, single or double quoted.
 * @param {string} text
 * @param {number} number
 * @returns {string}
 */
function readQuoted(text, number) {
  const quote = text[0];
  if (quote === "'") {
    const match = /^'((?:[^']|'')*)'$/.exec(text);
    if (!match) throw new YamlError(number, 'a single-quoted value must end with a quote, with nothing after it');
    return (match[1] ?? '').replaceAll("''", "'");
  }
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (!match) throw new YamlError(number, 'a double-quoted value must end with a quote, with nothing after it');
  return (match[1] ?? '').replace(/\\(.)/g, (_, char) => {
    const escaped = /** @type {Record<string, string>} */ ({ n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', ' ': ' ', '0': '\0' })[char];
    if (escaped === undefined) throw new YamlError(number, `unsupported escape "\\${char}"`);
    return escaped;
  });
}

/**
 * `[a, "b", 3]`: a list of scalars on one line.
 * @param {string} text
 * @param {number} number
 * @returns {unknown[]}
 */
function readFlowSequence(text, number) {
  if (!text.endsWith(']')) throw new YamlError(number, 'a "[" list must end with "]" on the same line');
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  /** @type {string[]} */
  const items = [];
  let current = '';
  /** @type {string | null} */
  let quote = null;
  for (let i = 0; i < inner.length; i++) {
    const char = /** @type {string} */ (inner[i]);
    if (quote === '"' && char === '\\') {
      current += char + (inner[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote !== null && char === quote) quote = null;
    else if (quote === null && (char === '"' || char === "'")) quote = char;
    else if (quote === null && (char === '[' || char === ']' || char === '{' || char === '}')) {
      throw new YamlError(number, 'lists inside "[...]" may only hold plain or quoted values');
    } else if (quote === null && char === ',') {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  items.push(current.trim());
  if (items.at(-1) === '') items.pop();
  return items.map((item) => {
    if (item === '') throw new YamlError(number, 'an empty item in a "[...]" list');
    return item.startsWith('"') || item.startsWith("'") ? readQuoted(item, number) : readPlainScalar(item);
  });
}

/**
 * Resolves a plain scalar as YAML 1.2's core schema does: null, booleans, numbers, else a string.
 * @param {string} text
 * @returns {string | number | boolean | null}
 */
function readPlainScalar(text) {
  if (/^(?:~|null|Null|NULL)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}
