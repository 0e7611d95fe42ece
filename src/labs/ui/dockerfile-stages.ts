/**
 * The build stages of a Dockerfile and what reaches the image that ships, as plain data for
 * the stage diagram of the Dockerfile lab: each stage's base, what each COPY brings and from
 * where (the build context, an earlier stage, another image), what RUN steps add, and which
 * stages the final image inherits or copies from. Read with the rules engine's parser, so the
 * picture and the inline findings agree. Never throws: text that cannot be read gives a partial
 * model and says why. Browser-safe.
 */
import {
  copyArguments,
  findStage,
  flag,
  parseDockerfile,
  workdirAt,
  type DockerInstruction,
  type Stage,
} from '../../rules/dockerfile/document.js';

/** Where something in a stage comes from. */
export type Origin =
  | { kind: 'context' }
  | { kind: 'stage'; stage: number }
  | { kind: 'image'; image: string }
  | { kind: 'run'; command: string };

/** One step that puts files into a stage: a COPY or ADD, or a RUN. */
export interface StageStep {
  /** The stage the step belongs to. */
  stage: number;
  /** 1-based line of the instruction. */
  line: number;
  /** The paths a COPY or ADD names, as written; empty for RUN. */
  paths: string[];
  /** Where a COPY or ADD puts them, resolved against WORKDIR; null for RUN. */
  destination: string | null;
  origin: Origin;
}

export interface DiagramStage {
  index: number;
  /** The `AS` name, as written; null for an unnamed stage. */
  name: string | null;
  /** How the diagram refers to the stage: its name, or "stage 2" (counting from 1). */
  label: string;
  line: number;
  /** The image it starts from (build arguments expanded), or the earlier stage it builds on. */
  base: { kind: 'image'; image: string } | { kind: 'stage'; stage: number };
  steps: StageStep[];
  isFinal: boolean;
  /** The final image inherits this stage or copies something out of it. */
  feedsFinal: boolean;
}

/** What the image that ships is made of, in build order. */
export interface FinalImage {
  stage: number;
  /** The image at the bottom of the final stage's FROM chain. */
  baseImage: string;
  /** Steps of the final stage and of every stage it is built FROM. */
  steps: StageStep[];
}

export interface StageModel {
  stages: DiagramStage[];
  final: FinalImage | null;
  /** Why the model is partial or empty, in plain words; null when the whole file was read. */
  problem: string | null;
}

/** Shown commands are cut to this length: the diagram names a step, the editor shows it. */
const COMMAND_LENGTH = 60;

export function readStageModel(dockerfile: string): StageModel {
  let stages: readonly Stage[];
  try {
    stages = parseDockerfile(dockerfile).stages;
  } catch (error) {
    return { stages: [], final: null, problem: `The Dockerfile could not be read: ${reason(error)}` };
  }
  if (stages.length === 0) return { stages: [], final: null, problem: 'There is no FROM line yet, so there is no stage to draw.' };

  let problem: string | null = null;
  const diagramStages = stages.map((stage) => {
    const { steps, failure } = readSteps(stage, stages);
    if (failure) problem ??= `Part of stage ${labelOf(stage)} could not be read: ${failure}`;
    return toDiagramStage(stage, steps, stages.length);
  });

  const finalIndex = stages.length - 1;
  const lineage = lineageOf(finalIndex, diagramStages);
  for (const index of feedersOf(lineage, diagramStages)) {
    const stage = diagramStages[index];
    if (stage) stage.feedsFinal = true;
  }
  const root = diagramStages[lineage[0] ?? finalIndex];
  const final: FinalImage = {
    stage: finalIndex,
    baseImage: root?.base.kind === 'image' ? root.base.image : '',
    steps: lineage.flatMap((index) => diagramStages[index]?.steps ?? []),
  };
  return { stages: diagramStages, final, problem };
}

function toDiagramStage(stage: Stage, steps: StageStep[], stageCount: number): DiagramStage {
  return {
    index: stage.index,
    name: stage.name ?? null,
    label: labelOf(stage),
    line: stage.from.span.line,
    base: stage.base ? { kind: 'stage', stage: stage.base.index } : { kind: 'image', image: stage.image },
    steps,
    isFinal: stage.index === stageCount - 1,
    feedsFinal: false,
  };
}

function labelOf(stage: Stage): string {
  return stage.name ?? `stage ${stage.index + 1}`;
}

/** The steps of one stage; an instruction that cannot be read ends the list and is reported. */
function readSteps(stage: Stage, stages: readonly Stage[]): { steps: StageStep[]; failure?: string } {
  const steps: StageStep[] = [];
  for (const instruction of stage.instructions) {
    try {
      const step = readStep(instruction, stage, stages);
      if (step) steps.push(step);
    } catch (error) {
      return { steps, failure: `line ${instruction.span.line}: ${reason(error)}` };
    }
  }
  return { steps };
}

function readStep(instruction: DockerInstruction, stage: Stage, stages: readonly Stage[]): StageStep | null {
  const line = instruction.span.line;
  if (instruction.keyword === 'RUN') {
    return { stage: stage.index, line, paths: [], destination: null, origin: { kind: 'run', command: shorten(instruction.args.text) } };
  }
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return null;
  const { sources, destination } = copyArguments(instruction);
  return {
    stage: stage.index,
    line,
    paths: sources.map((source) => source.value),
    destination: destination ? resolveDestination(workdirAt(instruction), destination.value) : null,
    origin: copyOrigin(instruction, stages),
  };
}

/** Docker reads `--from` as a stage name or index first, and as an image otherwise. */
function copyOrigin(instruction: DockerInstruction, stages: readonly Stage[]): Origin {
  const reference = instruction.keyword === 'COPY' ? flag(instruction, 'from')?.value : undefined;
  if (reference === undefined || reference === '') return { kind: 'context' };
  const stage = findStage(stages, reference);
  return stage ? { kind: 'stage', stage: stage.index } : { kind: 'image', image: reference };
}

function resolveDestination(workdir: string, destination: string): string {
  const absolute = destination.startsWith('/') ? destination : `${workdir.replace(/\/$/, '')}/${destination}`;
  const segments: string[] = [];
  for (const segment of absolute.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = destination.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

function shorten(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length > COMMAND_LENGTH ? `${oneLine.slice(0, COMMAND_LENGTH - 1)}…` : oneLine;
}

/** The stage and the stages it is built FROM, oldest first. A FROM cycle stops the walk. */
function lineageOf(index: number, stages: readonly DiagramStage[]): number[] {
  const chain: number[] = [];
  for (let current = stages[index]; current && !chain.includes(current.index); ) {
    chain.unshift(current.index);
    current = current.base.kind === 'stage' ? stages[current.base.stage] : undefined;
  }
  return chain;
}

/** Every stage the final image's content comes from: its lineage, and what it copies from, transitively. */
function feedersOf(lineage: readonly number[], stages: readonly DiagramStage[]): Set<number> {
  const feeders = new Set<number>();
  const visit = (index: number) => {
    for (const member of lineageOf(index, stages)) {
      if (feeders.has(member)) continue;
      feeders.add(member);
      for (const step of stages[member]?.steps ?? []) if (step.origin.kind === 'stage') visit(step.origin.stage);
    }
  };
  lineage.forEach(visit);
  return feeders;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where a step's content comes from, in words: "the build context", "stage build", "image nginx:1.27". */
export function describeOrigin(origin: Origin, stages: readonly DiagramStage[]): string {
  switch (origin.kind) {
    case 'context':
      return 'the build context';
    case 'stage':
      return `stage ${stages[origin.stage]?.label ?? origin.stage + 1}`;
    case 'image':
      return `image ${origin.image}`;
    case 'run':
      return `RUN ${origin.command}`;
  }
}

/** A COPY of `.` (or `*`) from the context: everything .dockerignore lets through. */
export function copiesWholeContext(step: StageStep): boolean {
  return step.origin.kind === 'context' && step.paths.some((path) => /^(?:\.\/?|\*|\.\/\*)$/.test(path));
}

/** One step in words: "package.json, package-lock.json from the build context to /app/". */
export function describeStep(step: StageStep, stages: readonly DiagramStage[]): string {
  if (step.origin.kind === 'run') return `what RUN ${step.origin.command} creates`;
  if (copiesWholeContext(step)) return `everything in the build context that .dockerignore lets through${step.destination ? ` to ${step.destination}` : ''}`;
  const what = step.paths.length > 0 ? step.paths.join(', ') : 'nothing';
  const to = step.destination ? ` to ${step.destination}` : '';
  return `${what} from ${describeOrigin(step.origin, stages)}${to}`;
}

/**
 * The whole picture in sentences, for a caption and for screen readers: how many stages, what
 * each starts from and copies from where, and what reaches the final image.
 */
export function describeStageModel(model: StageModel): string {
  const { stages, final } = model;
  if (stages.length === 0 || !final) return model.problem ?? 'No stages.';
  const startsFrom = (stage: DiagramStage) =>
    stage.base.kind === 'image' ? stage.base.image || 'an image not named yet' : `stage ${stages[stage.base.stage]?.label ?? ''}`;
  const sentences = [
    stages.length === 1
      ? `One stage, starting from ${startsFrom(stages[0] as DiagramStage)}: everything it does ends up in the image that ships.`
      : `${stages.length} stages; the last, ${(stages[final.stage] as DiagramStage).label}, is the image that ships.`,
  ];
  if (stages.length > 1) {
    for (const stage of stages.slice(0, -1)) {
      const copies = stage.steps.filter((step) => step.origin.kind !== 'run');
      const brings = copies.length > 0 ? `, copies ${copies.map((step) => describeStep(step, stages)).join('; ')}` : '';
      const unused = stage.feedsFinal ? '' : ' Nothing of it reaches the final image.';
      sentences.push(`${capitalize(stage.label)} starts from ${startsFrom(stage)}${brings}.${unused}`);
    }
  }
  const contents = final.steps.map((step) => describeStep(step, stages));
  const base = final.baseImage || 'an image not named yet';
  sentences.push(
    contents.length > 0
      ? `The image that ships holds ${base} plus: ${contents.join('; ')}.`
      : `The image that ships holds ${base} and nothing else.`,
  );
  if (model.problem) sentences.push(model.problem);
  return sentences.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
