import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  copiesWholeContext,
  describeOrigin,
  describeStageModel,
  readStageModel,
  type DiagramStage,
  type StageModel,
  type StageStep,
} from '../../labs/ui/dockerfile-stages.js';

/** One arrow in the gutter: from a stage's heading to the stage or step that uses it. */
interface Arrow {
  key: string;
  fromY: number;
  toY: number;
  lane: number;
  /** `copy`: COPY --from; `base`: FROM an earlier stage. */
  kind: 'copy' | 'base';
}

const LANE_WIDTH = 12;
const GUTTER_PADDING = 10;

/**
 * The build stages of the learner's Dockerfile, redrawn as they type: a box per stage with its
 * base and what each step brings in and from where, arrows from a stage to the stages that copy
 * from it (dashed when a stage starts FROM another), the final stage highlighted, and what
 * reaches the image that ships. The boxes are HTML lists, so the facts are text for screen
 * readers as well; the arrows are decoration whose meaning is also written in each step, and
 * the caption sums the picture up.
 */
export default function StageDiagram({ dockerfile }: { dockerfile: string }) {
  const model = useMemo(() => readStageModel(dockerfile), [dockerfile]);
  const summary = useMemo(() => describeStageModel(model), [model]);
  const id = useId();
  const { containerRef, anchorRef, arrows } = useArrows(model);
  const gutter = arrows.length === 0 ? 0 : GUTTER_PADDING + (Math.max(...arrows.map((a) => a.lane)) + 1) * LANE_WIDTH;

  return (
    <section className="stage-diagram not-content" aria-labelledby={`${id}-heading`}>
      <style>{STYLES}</style>
      <h3 id={`${id}-heading`}>Build stages</h3>
      {model.final === null ? (
        <p className="sd-placeholder">{model.problem}</p>
      ) : (
        <figure className="sd-figure">
          <div className="sd-stages" ref={containerRef} style={{ paddingInlineStart: gutter }}>
            {gutter > 0 && <GutterArrows arrows={arrows} width={gutter} markerId={`${id}-arrow`} />}
            <ol className="sd-stage-list">
              {model.stages.map((stage) => (
                <StageBox key={stage.index} stage={stage} stages={model.stages} anchorRef={anchorRef} />
              ))}
            </ol>
          </div>
          <ShippedImage model={model} />
          <figcaption className="sd-caption">{summary}</figcaption>
        </figure>
      )}
    </section>
  );
}

type AnchorRef = (key: string) => (element: HTMLElement | null) => void;

function StageBox({ stage, stages, anchorRef }: { stage: DiagramStage; stages: readonly DiagramStage[]; anchorRef: AnchorRef }) {
  const base = stage.base.kind === 'image' ? stage.base.image || '(no image yet)' : (stages[stage.base.stage]?.label ?? '');
  const classes = ['sd-stage', stage.isFinal ? 'sd-final' : '', stage.feedsFinal ? '' : 'sd-unused'].filter(Boolean).join(' ');
  return (
    <li className={classes}>
      <p className="sd-stage-title" ref={anchorRef(`stage-${stage.index}`)}>
        <span className="sd-stage-name">{stage.label}</span>
        <code className="sd-from">FROM {base}</code>
        {stage.isFinal && <span className="sd-badge">image that ships</span>}
      </p>
      {stage.steps.length > 0 && (
        <ul className="sd-steps">
          {stage.steps.map((step, index) => (
            <li key={`${step.line}-${index}`} ref={anchorRef(`step-${stage.index}-${index}`)} className={`sd-step sd-from-${step.origin.kind}`}>
              <StepText step={step} stages={stages} />
            </li>
          ))}
        </ul>
      )}
      {!stage.isFinal && (
        <p className="sd-note">{stage.feedsFinal ? 'Part of it reaches the final image.' : 'Nothing of it reaches the final image.'}</p>
      )}
    </li>
  );
}

function StepText({ step, stages, inherited = false }: { step: StageStep; stages: readonly DiagramStage[]; inherited?: boolean }) {
  const where = `line ${step.line}${inherited ? `, inherited through FROM ${stages[step.stage]?.label ?? ''}` : ''}`;
  if (step.origin.kind === 'run') {
    return (
      <>
        <code>RUN {step.origin.command}</code> <span className="sd-origin">{where}</span>
      </>
    );
  }
  const origin = copiesWholeContext(step)
    ? 'everything in the build context that .dockerignore lets through'
    : `from ${describeOrigin(step.origin, stages)}`;
  return (
    <>
      <code>{step.paths.join(', ') || '(nothing)'}</code>
      {step.destination && (
        <>
          {' → '}
          <code>{step.destination}</code>
        </>
      )}{' '}
      <span className="sd-origin">
        {origin}, {where}
      </span>
    </>
  );
}

function ShippedImage({ model }: { model: StageModel }) {
  const final = model.final;
  if (!final) return null;
  return (
    <div className="sd-shipped">
      <p className="sd-shipped-title">In the image that ships</p>
      <ul className="sd-steps">
        <li className="sd-step">
          <code>{final.baseImage || '(no base image yet)'}</code> <span className="sd-origin">the base image</span>
        </li>
        {final.steps.map((step, index) => (
          <li key={`${step.line}-${index}`} className={`sd-step sd-from-${step.origin.kind}`}>
            <StepText step={step} stages={model.stages} inherited={step.stage !== final.stage} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function GutterArrows({ arrows, width, markerId }: { arrows: Arrow[]; width: number; markerId: string }) {
  const height = Math.max(...arrows.map((arrow) => Math.max(arrow.fromY, arrow.toY))) + 8;
  return (
    <svg className="sd-arrows" width={width} height={height} aria-hidden="true" focusable="false">
      <defs>
        <marker id={`${markerId}-head`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
        </marker>
        <marker id={`${markerId}-tail`} viewBox="0 0 6 6" refX="3" refY="3" markerWidth="6" markerHeight="6">
          <circle cx="3" cy="3" r="2.5" fill="currentColor" />
        </marker>
      </defs>
      {arrows.map((arrow) => {
        const x = width - GUTTER_PADDING - arrow.lane * LANE_WIDTH;
        const d = `M${width - 3},${arrow.fromY} H${x} V${arrow.toY} H${width - 1}`;
        return (
          <path
            key={arrow.key}
            d={d}
            className={`sd-arrow sd-arrow-${arrow.kind}`}
            marker-start={`url(#${markerId}-tail)`}
            marker-end={`url(#${markerId}-head)`}
          />
        );
      })}
    </svg>
  );
}

/**
 * Measures where each stage heading and step sits, and lays the arrows out in lanes of the
 * gutter so that they do not overlap. Measured again whenever the model or the width changes.
 */
function useArrows(model: StageModel) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const anchors = useRef(new Map<string, HTMLElement>());
  const [arrows, setArrows] = useState<Arrow[]>([]);

  const anchorRef: AnchorRef = (key) => (element) => {
    if (element) anchors.current.set(key, element);
    else anchors.current.delete(key);
  };

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) {
      setArrows([]);
      return;
    }
    const measure = () => setArrows(layoutArrows(model, container, anchors.current));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
  }, [model]);

  return { containerRef, anchorRef, arrows };
}

function layoutArrows(model: StageModel, container: HTMLElement, anchors: ReadonlyMap<string, HTMLElement>): Arrow[] {
  const top = container.getBoundingClientRect().top;
  const middleOf = (key: string) => {
    const element = anchors.get(key);
    if (!element) return null;
    const box = element.getBoundingClientRect();
    return Math.round(box.top - top + Math.min(box.height / 2, 14));
  };
  const arrows: Arrow[] = [];
  for (const stage of model.stages) {
    if (stage.base.kind === 'stage') {
      const fromY = middleOf(`stage-${stage.base.stage}`);
      const toY = middleOf(`stage-${stage.index}`);
      if (fromY !== null && toY !== null) arrows.push({ key: `base-${stage.index}`, fromY, toY, lane: arrows.length, kind: 'base' });
    }
    stage.steps.forEach((step, index) => {
      if (step.origin.kind !== 'stage' || step.origin.stage === stage.index) return;
      const fromY = middleOf(`stage-${step.origin.stage}`);
      const toY = middleOf(`step-${stage.index}-${index}`);
      if (fromY !== null && toY !== null) arrows.push({ key: `copy-${stage.index}-${index}`, fromY, toY, lane: arrows.length, kind: 'copy' });
    });
  }
  return arrows;
}

const STYLES = `
.stage-diagram {
  color: var(--sl-color-text);
  font-size: var(--sl-text-sm);
}
.stage-diagram h3 {
  margin: 0 0 0.5rem;
  font-size: var(--sl-text-base);
}
.sd-placeholder {
  margin: 0;
  color: var(--sl-color-gray-2);
}
.sd-figure {
  margin: 0;
}
.sd-stages {
  position: relative;
}
.sd-arrows {
  position: absolute;
  inset-block-start: 0;
  inset-inline-start: 0;
  overflow: visible;
  color: var(--sl-color-gray-3);
}
.sd-arrow {
  fill: none;
  stroke: currentColor;
  stroke-width: 1.5;
  stroke-linejoin: round;
}
.sd-arrow-base {
  stroke-dasharray: 4 3;
}
.sd-stage-list {
  display: grid;
  gap: 0.6rem;
  margin: 0;
  padding: 0;
  list-style: none;
}
.sd-stage,
.sd-shipped {
  padding: 0.5rem 0.75rem;
  border: 1px solid var(--sl-color-gray-5);
  border-radius: 0.5rem;
  background: var(--sl-color-gray-6);
}
.sd-stage.sd-final {
  border: 2px solid var(--sl-color-accent);
  background: var(--sl-color-accent-low);
}
.sd-stage.sd-unused {
  border-style: dashed;
}
.sd-stage.sd-unused .sd-stage-title,
.sd-stage.sd-unused .sd-steps {
  opacity: 0.75;
}
.sd-stage-title,
.sd-shipped-title {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 0.25rem 0.6rem;
  margin: 0;
}
.sd-stage-name,
.sd-shipped-title {
  font-weight: 700;
  color: var(--sl-color-white);
}
.sd-from {
  font-size: var(--sl-text-xs);
  color: var(--sl-color-gray-2);
  overflow-wrap: anywhere;
}
.sd-badge {
  padding: 0 0.4rem;
  border: 1px solid var(--sl-color-accent);
  border-radius: 1rem;
  font-size: var(--sl-text-2xs);
  color: var(--sl-color-white);
}
.sd-steps {
  display: grid;
  gap: 0.2rem;
  margin: 0.35rem 0 0;
  padding: 0;
  list-style: none;
}
.sd-step {
  overflow-wrap: anywhere;
  line-height: 1.45;
}
.sd-step code {
  font-size: var(--sl-text-xs);
}
.sd-from-stage > code:first-child {
  color: var(--sl-color-accent-high);
  font-weight: 600;
}
.sd-origin,
.sd-note {
  color: var(--sl-color-gray-2);
  font-size: var(--sl-text-xs);
}
.sd-note {
  margin: 0.35rem 0 0;
}
.sd-shipped {
  margin-top: 0.6rem;
}
.sd-caption {
  margin-top: 0.5rem;
  color: var(--sl-color-gray-2);
  font-size: var(--sl-text-xs);
}
`;
