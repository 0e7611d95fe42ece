/**
 * What the lab's app is doing, folded from harness events: its lifecycle, the load, a running
 * scenario, the live counters and the drain timeline. The buttons' enabled states derive from
 * it, so they follow what the harness reports rather than what the UI asked for.
 */
import type { Command, HarnessEvent } from '../../../labs/harness/protocol.mjs';
import { countersFrom, type RequestCounters } from './counters.js';
import { EMPTY_TIMELINE, reduceTimeline, type TimelineState } from './timeline.js';

/** stopping: SIGTERM was sent and the app has not exited yet. */
export type AppPhase = 'stopped' | 'starting' | 'running' | 'stopping';

export interface RunState {
  app: AppPhase;
  loadRunning: boolean;
  scenarioRunning: boolean;
  counters: RequestCounters | null;
  timeline: TimelineState;
}

export type RunAction =
  | { type: 'event'; event: HarnessEvent }
  | { type: 'scenario-sent' }
  | { type: 'scenario-ended' }
  /** The runtime went away: whatever ran there is gone. */
  | { type: 'runtime-closed' };

export const INITIAL_RUN_STATE: RunState = {
  app: 'stopped',
  loadRunning: false,
  scenarioRunning: false,
  counters: null,
  timeline: EMPTY_TIMELINE,
};

export function reduceRun(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'scenario-sent':
      return { ...state, scenarioRunning: true };
    case 'scenario-ended':
      return { ...state, scenarioRunning: false };
    case 'runtime-closed':
      return { ...state, app: 'stopped', loadRunning: false, scenarioRunning: false };
    case 'event':
      return reduceEvent({ ...state, timeline: reduceTimeline(state.timeline, action.event) }, action.event);
  }
}

function reduceEvent(state: RunState, event: HarnessEvent): RunState {
  switch (event.type) {
    case 'status':
      if (event.state === 'starting') return { ...state, app: 'starting', counters: null };
      if (event.state === 'running') return state.app === 'starting' ? { ...state, app: 'running' } : state;
      return { ...state, app: 'stopped' };
    case 'exit':
      return { ...state, app: 'stopped' };
    case 'signal':
      return event.signal === 'SIGTERM' && (state.app === 'starting' || state.app === 'running') ? { ...state, app: 'stopping' } : state;
    case 'requests':
      return { ...state, counters: countersFrom(event), loadRunning: !event.done };
    case 'result':
      return { ...state, scenarioRunning: false };
    default:
      return state;
  }
}

export interface ControlContext {
  /** A runtime is connected. */
  runtimeReady: boolean;
  /** The lab has an app to run (file-only labs do not). */
  labHasApp: boolean;
  /** A button's action is still in progress (writing files, evaluating checks). */
  busy: boolean;
}

export interface ControlAvailability {
  start: boolean;
  load: boolean;
  sigterm: boolean;
  stop: boolean;
  runChecks: boolean;
  resetLab: boolean;
  showSolution: boolean;
}

export function availableControls(state: RunState, context: ControlContext): ControlAvailability {
  const canRun = context.runtimeReady && context.labHasApp;
  const alive = state.app !== 'stopped';
  const free = !context.busy && !state.scenarioRunning;
  return {
    start: canRun && free && !alive,
    load: canRun && free && (state.app === 'running' || state.app === 'stopping') && !state.loadRunning,
    sigterm: canRun && !state.scenarioRunning && alive,
    stop: canRun && (alive || state.loadRunning || state.scenarioRunning),
    runChecks: free,
    resetLab: free,
    showSolution: free,
  };
}

/**
 * "Stop app" kills the app's process group; when a scenario or a load outlives the app, only
 * `stop` ends them (the supervisor refuses `kill` then).
 */
export function stopCommand(state: RunState): Command {
  return state.app !== 'stopped' && !state.scenarioRunning ? { type: 'kill' } : { type: 'stop' };
}
