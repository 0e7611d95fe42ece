import { describe, expect, it } from 'vitest';
import { INITIAL_RUN_STATE, availableControls, reduceRun, stopCommand, type RunAction, type RunState } from './run-state.js';
import { events as e } from './test-events.js';

const fold = (actions: RunAction[], from: RunState = INITIAL_RUN_STATE) => actions.reduce(reduceRun, from);
const ev = (...list: ReturnType<(typeof e)[keyof typeof e]>[]): RunAction[] => list.map((event) => ({ type: 'event', event }));
const ready = { runtimeReady: true, labHasApp: true, busy: false };

describe('the app lifecycle from events', () => {
  it('follows start, SIGTERM and exit', () => {
    expect(fold(ev(e.starting(0))).app).toBe('starting');
    expect(fold(ev(e.starting(0), e.running(100))).app).toBe('running');
    expect(fold(ev(e.starting(0), e.running(100), e.sigterm(200))).app).toBe('stopping');
    expect(fold(ev(e.starting(0), e.running(100), e.sigterm(200), e.exit(300, 0), e.exited(300, 0))).app).toBe('stopped');
  });

  it('stays stopping when the app answers HTTP after SIGTERM', () => {
    expect(fold(ev(e.starting(0), e.sigterm(50), e.running(100))).app).toBe('stopping');
  });

  it('tracks the load and its counters, and clears them when the app starts again', () => {
    const loading = fold(ev(e.starting(0), e.running(10), e.requests(200, { ok: 3, non2xx: 1 }, 5)));
    expect(loading.loadRunning).toBe(true);
    expect(loading.counters).toMatchObject({ ok: 3, failed: 1, inFlight: 5, done: false });
    const finished = fold(ev(e.requests(400, { ok: 9 }, 0, true)), loading);
    expect(finished.loadRunning).toBe(false);
    expect(fold(ev(e.starting(1_000)), finished).counters).toBeNull();
  });

  it('marks a scenario from send to result', () => {
    const sent = fold([{ type: 'scenario-sent' }]);
    expect(sent.scenarioRunning).toBe(true);
    expect(fold([{ type: 'scenario-ended' }], sent).scenarioRunning).toBe(false);
  });

  it('forgets everything that ran when the runtime closes', () => {
    const state = fold([...ev(e.starting(0), e.requests(1, {}, 1)), { type: 'scenario-sent' }, { type: 'runtime-closed' }]);
    expect(state).toMatchObject({ app: 'stopped', loadRunning: false, scenarioRunning: false });
  });
});

describe('which buttons are enabled', () => {
  it('offers only Start app and the lab buttons while the app is stopped', () => {
    expect(availableControls(INITIAL_RUN_STATE, ready)).toEqual({
      start: true,
      load: false,
      sigterm: false,
      stop: false,
      runChecks: true,
      resetLab: true,
      showSolution: true,
    });
  });

  it('offers load, SIGTERM and stop while the app runs', () => {
    const running = fold(ev(e.starting(0), e.running(10)));
    expect(availableControls(running, ready)).toMatchObject({ start: false, load: true, sigterm: true, stop: true });
    const loaded = fold(ev(e.requests(100, { ok: 1 }, 1)), running);
    expect(availableControls(loaded, ready).load).toBe(false);
  });

  it('keeps SIGTERM available for a second signal while the app drains', () => {
    const stopping = fold(ev(e.starting(0), e.running(10), e.sigterm(20)));
    expect(availableControls(stopping, ready)).toMatchObject({ sigterm: true, stop: true, start: false });
  });

  it('allows only Stop app during a scenario', () => {
    const scenario = fold([{ type: 'scenario-sent' }, ...ev(e.starting(0), e.running(10))]);
    expect(availableControls(scenario, ready)).toEqual({
      start: false,
      load: false,
      sigterm: false,
      stop: true,
      runChecks: false,
      resetLab: false,
      showSolution: false,
    });
  });

  it('keeps Run checks when there is no runtime, and disables the app buttons', () => {
    expect(availableControls(INITIAL_RUN_STATE, { runtimeReady: false, labHasApp: true, busy: false })).toEqual({
      start: false,
      load: false,
      sigterm: false,
      stop: false,
      runChecks: true,
      resetLab: true,
      showSolution: true,
    });
  });

  it('holds Start app and Run checks while an action is in progress', () => {
    expect(availableControls(INITIAL_RUN_STATE, { ...ready, busy: true })).toMatchObject({ start: false, runChecks: false });
  });
});

describe('Stop app', () => {
  it('kills a running app, and stops a scenario or a load that outlived the app', () => {
    expect(stopCommand(fold(ev(e.starting(0))))).toEqual({ type: 'kill' });
    expect(stopCommand(fold([{ type: 'scenario-sent' }, ...ev(e.starting(0))]))).toEqual({ type: 'stop' });
    expect(stopCommand(fold(ev(e.starting(0), e.requests(10, {}, 1), e.exit(20, 0))))).toEqual({ type: 'stop' });
  });
});
