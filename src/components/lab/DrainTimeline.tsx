import { describeTimeline, timelineView, type TimelineSample, type TimelineState } from '../../labs/ui/timeline.js';

/** Drawing units; the SVG scales to its container's width. */
const WIDTH = 640;
const LEFT = 52;
const RIGHT = 16;
const PLOT = WIDTH - LEFT - RIGHT;
const MARKER_ROWS = [11, 24] as const;
const BAND = { top: 31, height: 16 };
const IN_FLIGHT = { top: 58, height: 60 };
const COMPLETED = { top: 132, height: 64 };
const AXIS_Y = 214;
const HEIGHT = 224;
/** About how wide one character of a 12-unit label is, to leave out labels that do not fit. */
const LABEL_CHAR_WIDTH = 7;
/** Marker labels closer than this share a row and would overlap. */
const LABEL_GAP = 86;

function tickStep(durationMs: number): number {
  return [500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000].find((step) => durationMs / step <= 8) ?? 60_000;
}

function line(samples: readonly TimelineSample[], x: (t: number) => number, y: (sample: TimelineSample) => number): string {
  return samples.map((sample, index) => `${index === 0 ? 'M' : 'L'}${x(sample.t).toFixed(1)},${y(sample).toFixed(1)}`).join(' ');
}

/**
 * The drain on a time axis: readiness as a band (ready, 503, no answer), requests in flight,
 * ok and failed requests so far, and markers for SIGTERM, SIGKILL and the exit. For assistive
 * technology it is one image whose name summarises it (describeTimeline).
 */
export default function DrainTimeline({ timeline }: { timeline: TimelineState }) {
  const view = timelineView(timeline);
  const summary = describeTimeline(timeline);
  if (view === null) {
    return (
      <section className="lab-timeline" aria-labelledby="lab-timeline-heading">
        <h3 id="lab-timeline-heading">Drain timeline</h3>
        <p className="lab-placeholder">The timeline appears when the app starts.</p>
      </section>
    );
  }

  const x = (t: number) => LEFT + (Math.min(t, view.durationMs) / view.durationMs) * PLOT;
  const inFlightY = (s: TimelineSample) => IN_FLIGHT.top + IN_FLIGHT.height * (1 - s.inFlight / view.maxInFlight);
  const completedY = (value: number) => COMPLETED.top + COMPLETED.height * (1 - value / view.maxCompleted);
  const step = tickStep(view.durationMs);
  const ticks = Array.from({ length: Math.floor(view.durationMs / step) + 1 }, (_, i) => i * step);
  const rowEnds = MARKER_ROWS.map(() => -Infinity);
  const markers = view.markers.map((marker) => {
    const at = x(marker.t);
    const row = Math.max(0, rowEnds.findIndex((end) => at - end >= LABEL_GAP));
    rowEnds[row] = at;
    // A label that would run past the right edge is set to the left of its line.
    const flip = at + 3 + marker.label.length * LABEL_CHAR_WIDTH > WIDTH;
    return { ...marker, at, labelY: row === 1 ? MARKER_ROWS[1] : MARKER_ROWS[0], labelX: flip ? at - 3 : at + 3, anchor: flip ? ('end' as const) : ('start' as const) };
  });

  return (
    <section className="lab-timeline" aria-labelledby="lab-timeline-heading">
      <h3 id="lab-timeline-heading">Drain timeline</h3>
      <div className="lab-timeline-scroll">
        <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="lab-timeline-chart">
          <text x={LEFT - 6} y={BAND.top + 12} text-anchor="end" className="tl-axis-label">
            ready
          </text>
          {view.readiness.map((band) => (
            <g key={`${band.from}-${band.state}`} className={`tl-band tl-band-${band.state}`}>
              <rect x={x(band.from)} y={BAND.top} width={Math.max(0, x(band.to) - x(band.from))} height={BAND.height} />
              {x(band.to) - x(band.from) > band.label.length * LABEL_CHAR_WIDTH + 8 && (
                <text x={x(band.from) + 4} y={BAND.top + 12}>
                  {band.label}
                </text>
              )}
            </g>
          ))}

          <text x={LEFT - 6} y={IN_FLIGHT.top + 8} text-anchor="end" className="tl-axis-label">
            {view.maxInFlight}
          </text>
          <text x={LEFT - 6} y={IN_FLIGHT.top + IN_FLIGHT.height} text-anchor="end" className="tl-axis-label">
            0
          </text>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={IN_FLIGHT.top + IN_FLIGHT.height} y2={IN_FLIGHT.top + IN_FLIGHT.height} className="tl-axis" />
          <path d={line(view.samples, x, inFlightY)} className="tl-in-flight" />

          <text x={LEFT - 6} y={COMPLETED.top + 8} text-anchor="end" className="tl-axis-label">
            {view.maxCompleted}
          </text>
          <text x={LEFT - 6} y={COMPLETED.top + COMPLETED.height} text-anchor="end" className="tl-axis-label">
            0
          </text>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={COMPLETED.top + COMPLETED.height} y2={COMPLETED.top + COMPLETED.height} className="tl-axis" />
          <path d={line(view.samples, x, (s) => completedY(s.ok))} className="tl-ok" />
          <path d={line(view.samples, x, (s) => completedY(s.failed))} className="tl-failed" />

          {ticks.map((t) => (
            <text key={t} x={x(t)} y={AXIS_Y} text-anchor="middle" className="tl-axis-label">
              {`${t / 1000} s`}
            </text>
          ))}

          {markers.map((marker) => (
            <g key={`${marker.kind}-${marker.t}`} className={`tl-marker tl-marker-${marker.kind}`}>
              <line x1={marker.at} x2={marker.at} y1={marker.labelY + 3} y2={COMPLETED.top + COMPLETED.height} />
              <text x={marker.labelX} y={marker.labelY} text-anchor={marker.anchor}>
                {marker.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ul className="lab-timeline-legend" aria-hidden="true">
        <li>
          <span className="tl-swatch tl-swatch-in-flight" /> in flight (top)
        </li>
        <li>
          <span className="tl-swatch tl-swatch-ok" /> ok so far (bottom)
        </li>
        <li>
          <span className="tl-swatch tl-swatch-failed" /> failed so far (dashed)
        </li>
        <li>
          <span className="tl-swatch tl-swatch-ready" /> readiness 2xx
        </li>
        <li>
          <span className="tl-swatch tl-swatch-not-ready" /> readiness 503
        </li>
        <li>
          <span className="tl-swatch tl-swatch-marker" /> signal or exit
        </li>
      </ul>
    </section>
  );
}
