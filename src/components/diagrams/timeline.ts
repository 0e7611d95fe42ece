/**
 * The data a timeline diagram (Timeline.astro) draws: named edges on one time axis, lanes of
 * segments between edges, and events on the axis. ShutdownTimeline and KubernetesTermination
 * describe their sequences this way; the layout and drawing are shared.
 */
export type SegmentKind = 'ok' | 'changed' | 'off' | 'work' | 'budget';

export interface TimelineSegment<Edge extends string> {
  from: Edge;
  to: Edge;
  kind: SegmentKind;
  text: string;
}

export interface TimelineLane<Edge extends string> {
  name: string;
  segments: TimelineSegment<Edge>[];
}

export interface TimelineEvent<Edge extends string> {
  at: Edge;
  label: string;
  detail: string;
  anchor: 'start' | 'middle' | 'end';
  /** Drawn in red: the event that ends everything (SIGKILL). */
  kill?: boolean;
}

export const AXIS_Y = 44;
export const LANE_TOP = 64;
export const LANE_HEIGHT = 50;
export const BAR_HEIGHT = 24;
export const WIDTH = 720;

/** The SVG's height for a number of lanes and the space the component keeps below them. */
export function timelineHeight(laneCount: number, below: number): number {
  return LANE_TOP + laneCount * LANE_HEIGHT + below;
}
