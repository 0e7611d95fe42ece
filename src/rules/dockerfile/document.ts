import './parser-compat.js';
import { DockerfileParser, From, PropertyInstruction, type Instruction } from 'dockerfile-ast';
import { LineIndex } from '../text.js';
import type { Span } from '../types.js';
import { LogicalText } from './logical-text.js';
import { splitShellCommands, type ShellWord } from './shell-words.js';

/** The subset of the LSP range type the parser returns (0-based). */
interface ParserRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A `--name=value` flag of RUN, COPY, ADD, FROM or HEALTHCHECK. */
export interface InstructionFlag {
  /** Lower-cased, without the dashes: `mount`, `from`, `start-period`. */
  name: string;
  /** Undefined for a flag without `=`, such as `--link`. */
  value?: string;
  span: Span;
  valueSpan?: Span;
  /** The comma-separated `key=value` options of a `--mount` value, keys lower-cased. */
  options: Map<string, string>;
}

export interface DockerInstruction {
  /** Upper-cased keyword: `RUN`, `COPY`… */
  keyword: string;
  /** The keyword as written, for casing checks. */
  written: string;
  ast: Instruction;
  span: Span;
  keywordSpan: Span;
  /** The arguments after any `--flags`, continuations joined. */
  args: LogicalText;
  flags: InstructionFlag[];
  /** Undefined for instructions before the first FROM. */
  stage: Stage | undefined;
}

export interface Stage {
  index: number;
  from: DockerInstruction;
  /** The base image reference with global ARG defaults expanded. */
  image: string;
  imageSpan: Span;
  /** The `AS name`, as written. */
  name?: string;
  nameSpan?: Span;
  /** The earlier stage this one starts from, when FROM names one. */
  base?: Stage;
  /** Instructions after FROM, up to the next FROM. */
  instructions: DockerInstruction[];
}

export interface DockerfileDocument {
  text: string;
  lines: LineIndex;
  instructions: DockerInstruction[];
  stages: Stage[];
  comments: Array<{ text: string; span: Span }>;
}

export function parseDockerfile(text: string): DockerfileDocument {
  const lines = new LineIndex(text);
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter();
  const offsetOf = (position: { line: number; character: number }) => lines.lineStart(position.line + 1) + position.character;
  const stages: Stage[] = [];
  const instructions: DockerInstruction[] = [];
  for (const node of ast.getInstructions()) {
    // Arguments and flags are read from the text after the keyword: asking the parser for its
    // argument ranges re-tokenises the instruction on every call, which dominated lint time.
    const start = offsetOf(node.getInstructionRange().end);
    const text = LogicalText.read(lines, start, Math.max(start, offsetOf(node.getRange().end)), escape).trim();
    const keyword = node.getKeyword();
    const { flags, args } = FLAGGED.has(keyword) ? readFlags(text) : { flags: [], args: text };
    const instruction: DockerInstruction = {
      keyword,
      written: node.getInstruction(),
      ast: node,
      span: toSpan(node.getRange()),
      keywordSpan: toSpan(node.getInstructionRange()),
      args,
      flags,
      stage: stages[stages.length - 1],
    };
    if (node instanceof From) {
      const stage = createStage(node, instruction, stages);
      instruction.stage = stage;
      stages.push(stage);
    } else {
      instruction.stage?.instructions.push(instruction);
    }
    instructions.push(instruction);
  }
  const comments = ast.getComments().map((comment) => ({ text: comment.getContent(), span: toSpan(comment.getRange()) }));
  return { text, lines, instructions, stages, comments };
}

/** The instructions Docker reads `--flags` for. */
const FLAGGED = new Set(['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK']);

/** Splits the leading `--name[=value]` words off an instruction's arguments. */
function readFlags(text: LogicalText): { flags: InstructionFlag[]; args: LogicalText } {
  const flags: InstructionFlag[] = [];
  let at = 0;
  while (text.text.startsWith('--', at)) {
    const end = text.text.slice(at).search(/\s/);
    const stop = end < 0 ? text.text.length : at + end;
    const word = text.text.slice(at, stop);
    const equals = word.indexOf('=');
    const flag: InstructionFlag = { name: (equals < 0 ? word.slice(2) : word.slice(2, equals)).toLowerCase(), span: text.span(at, stop), options: new Map() };
    if (equals >= 0) {
      flag.value = word.slice(equals + 1);
      flag.valueSpan = text.span(at + equals + 1, stop);
      for (const option of flag.value.split(',')) {
        const [key = '', value = ''] = option.split('=', 2);
        flag.options.set(key.toLowerCase(), value);
      }
    }
    flags.push(flag);
    at = stop;
    while (at < text.text.length && /\s/.test(text.text[at] ?? '')) at++;
  }
  return { flags, args: at === 0 ? text : text.slice(at) };
}

function createStage(node: From, from: DockerInstruction, earlier: readonly Stage[]): Stage {
  const image = node.getExpandedArguments()[0]?.getValue() ?? '';
  const name = node.getBuildStage() ?? undefined;
  const nameRange = node.getBuildStageRange();
  const imageRange = node.getImageRange();
  const stage: Stage = {
    index: earlier.length,
    from,
    image,
    imageSpan: imageRange ? toSpan(imageRange) : from.keywordSpan,
    instructions: [],
  };
  if (name !== undefined) stage.name = name;
  if (nameRange) stage.nameSpan = toSpan(nameRange);
  const base = findStage(earlier, image);
  if (base) stage.base = base;
  return stage;
}

/** Converts the parser's 0-based range. */
export function toSpan(range: ParserRange): Span {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** The stage a `FROM x` or `COPY --from=x` names: a stage name (case-insensitive) or index. */
export function findStage(stages: readonly Stage[], reference: string): Stage | undefined {
  const wanted = reference.toLowerCase();
  if (/^\d+$/.test(wanted)) return stages[Number(wanted)];
  return stages.find((stage) => stage.name?.toLowerCase() === wanted);
}

export function finalStage(document: DockerfileDocument): Stage | undefined {
  return document.stages[document.stages.length - 1];
}

/** The stage and the stages it is built on, oldest first: what its image inherits. */
function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current && !chain.includes(current); current = current.base) chain.unshift(current);
  return chain;
}

/** Every instruction that shapes the stage's image, including those of the stages it builds on. */
export function inheritedInstructions(stage: Stage): DockerInstruction[] {
  return lineage(stage).flatMap((s) => s.instructions);
}

export function flag(instruction: DockerInstruction, name: string): InstructionFlag | undefined {
  return instruction.flags.find((f) => f.name === name);
}

/** Docker's exec form: the arguments parse as a JSON array of strings. Anything else runs under a shell. */
export type CommandForm = { form: 'exec'; argv: string[] } | { form: 'shell' } | { form: 'not-strings' };

export function commandForm(text: string): CommandForm {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[')) return { form: 'shell' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { form: 'shell' };
  }
  if (!Array.isArray(parsed)) return { form: 'shell' };
  // Docker refuses to build a JSON array that holds anything but strings.
  if (!parsed.every((item) => typeof item === 'string')) return { form: 'not-strings' };
  return { form: 'exec', argv: parsed };
}

// Several rules read the same RUN commands; split each instruction once.
const commandsCache = new WeakMap<DockerInstruction, readonly ShellWord[][]>();

/** The simple commands of a RUN, with words located in the instruction's logical text. */
export function shellCommands(instruction: DockerInstruction): readonly ShellWord[][] {
  let commands = commandsCache.get(instruction);
  if (!commands) {
    const form = commandForm(instruction.args.text);
    // An exec-form RUN has no shell; its argv gets the whole argument span.
    const end = instruction.args.text.length;
    commands = form.form === 'exec' ? [form.argv.map((value) => ({ value, start: 0, end }))] : splitShellCommands(instruction.args.text);
    commandsCache.set(instruction, commands);
  }
  return commands;
}

export interface Assignment {
  name: string;
  value: string | null;
  nameSpan: Span;
  valueSpan?: Span;
  /** `ENV key value`, the legacy form without `=`. */
  legacy: boolean;
}

/** The variables an ENV or ARG instruction sets. */
export function assignments(instruction: DockerInstruction): Assignment[] {
  const node = instruction.ast;
  if (!(node instanceof PropertyInstruction)) return [];
  return node.getProperties().map((property) => {
    const valueRange = property.getValueRange();
    const value = property.getValue();
    const assignment: Assignment = {
      name: property.getName(),
      value,
      nameSpan: toSpan(property.getNameRange()),
      legacy: value !== null && property.getAssignmentOperator() === null,
    };
    if (valueRange) assignment.valueSpan = toSpan(valueRange);
    return assignment;
  });
}

export interface PathArgument {
  value: string;
  span: Span;
}

/** The sources and destination of a COPY or ADD, in shell or JSON form; heredoc sources are left out. */
export function copyArguments(instruction: DockerInstruction): { sources: PathArgument[]; destination?: PathArgument } {
  const { args } = instruction;
  const form = commandForm(args.text);
  let items: PathArgument[];
  if (form.form === 'exec') {
    const span = args.span(0, args.text.length);
    items = form.argv.map((value) => ({ value, span }));
  } else {
    // With a heredoc, the paths are on the first line and the rest is file content.
    const firstLine = args.text.split(/[\r\n]/, 1)[0] ?? '';
    const text = firstLine.includes('<<') ? firstLine : args.text;
    items = [...text.matchAll(/\S+/g)].map((match) => ({ value: match[0], span: args.span(match.index, match.index + match[0].length) }));
  }
  const destination = items.length > 1 ? items.pop() : undefined;
  const sources = items.filter((item) => !item.value.startsWith('<<'));
  return destination ? { sources, destination } : { sources };
}

/** The absolute working directory in effect at an instruction (the base image's is taken as `/`). */
export function workdirAt(instruction: DockerInstruction): string {
  return instruction.stage ? workdirOf(inheritedInstructions(instruction.stage), instruction) : '/';
}

/** The working directory a stage ends with: where its files are, for a `COPY --from` of it. */
export function finalWorkdir(stage: Stage): string {
  return workdirOf(inheritedInstructions(stage));
}

function workdirOf(instructions: readonly DockerInstruction[], before?: DockerInstruction): string {
  let workdir = '/';
  for (const earlier of instructions) {
    if (earlier === before) break;
    if (earlier.keyword !== 'WORKDIR') continue;
    const path = earlier.args.text.trim();
    workdir = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path}`;
  }
  return workdir;
}

/** Variables ENV and ARG (with defaults) have set by the time an instruction runs, later ones winning. */
export function environmentAt(instruction: DockerInstruction): Map<string, string> {
  const environment = new Map<string, string>();
  if (!instruction.stage) return environment;
  for (const earlier of inheritedInstructions(instruction.stage)) {
    if (earlier === instruction) break;
    if (earlier.keyword !== 'ENV' && earlier.keyword !== 'ARG') continue;
    for (const { name, value } of assignments(earlier)) if (value !== null) environment.set(name, value);
  }
  return environment;
}
