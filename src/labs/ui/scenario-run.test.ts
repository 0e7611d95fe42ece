import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO_PLAN, type Command, type HarnessEvent, type ScenarioResult } from '../../../labs/harness/protocol.mjs';
import { Listeners, type LabRuntime } from '../runtime/types.js';
import { EventTimeout, runScenario, scenarioTimeoutMs, settle } from './scenario-run.js';
import { events as e } from './test-events.js';

/** A runtime whose harness answers each command with the events `respond` returns. */
function scriptedRuntime(respond: (command: Command) => HarnessEvent[]) {
  const events = new Listeners<HarnessEvent>();
  const closes = new Listeners<string>();
  const sent: Command[] = [];
  const runtime: LabRuntime = {
    kind: 'server',
    label: 'test',
    writeFile: async () => {},
    send: async (command) => {
      sent.push(command);
      // Like a real harness, the answer comes after the command was written.
      queueMicrotask(() => respond(command).forEach((event) => events.emit(event)));
    },
    onEvent: (listener) => events.add(listener),
    onClose: (listener) => closes.add(listener),
    dispose: async () => {},
  };
  return { runtime, sent, close: (reason: string) => closes.emit(reason) };
}

const result = { protocolVersion: 1, error: null } as unknown as ScenarioResult;
const plan = DEFAULT_SCENARIO_PLAN;

afterEach(() => {
  vi.useRealTimers();
});

describe('settle', () => {
  it('sends nothing when nothing runs', async () => {
    const { runtime, sent } = scriptedRuntime(() => []);
    await settle(runtime, { appAlive: false, loadRunning: false });
    expect(sent).toEqual([]);
  });

  it('stops the app and the load and waits for both to end', async () => {
    const { runtime, sent } = scriptedRuntime(() => [e.sigkill(1, 'command'), e.exit(2, null, 'SIGKILL'), e.requests(3, {}, 0, true)]);
    await settle(runtime, { appAlive: true, loadRunning: true });
    expect(sent).toEqual([{ type: 'stop' }]);
  });

  it('fails when the app does not exit in time', async () => {
    vi.useFakeTimers();
    const { runtime } = scriptedRuntime(() => []);
    const settling = settle(runtime, { appAlive: true, loadRunning: false });
    const failure = expect(settling).rejects.toThrow('The app’s exit did not happen within 5 s');
    await vi.advanceTimersByTimeAsync(5_000);
    await failure;
  });
});

describe('runScenario', () => {
  it('sends the plan and resolves with the result', async () => {
    const { runtime, sent } = scriptedRuntime((command) => (command.type === 'scenario' ? [e.starting(0), { type: 'result', result, t: 9 }] : []));
    expect(await runScenario(runtime, plan)).toBe(result);
    expect(sent).toEqual([{ type: 'scenario', ...plan }]);
  });

  it('rejects with the harness error when it refuses or abandons the scenario', async () => {
    const { runtime } = scriptedRuntime(() => [e.error(0, 'Stop the app and the load before running the scenario.')]);
    await expect(runScenario(runtime, plan)).rejects.toThrow('Stop the app and the load before running the scenario.');
  });

  it('rejects with the reason when the runtime closes', async () => {
    const { runtime, close } = scriptedRuntime(() => []);
    const running = runScenario(runtime, plan);
    await Promise.resolve();
    close('the session reached its time limit');
    await expect(running).rejects.toThrow('the session reached its time limit');
  });

  it('stops a scenario that runs past its plan', async () => {
    vi.useFakeTimers();
    const { runtime, sent } = scriptedRuntime(() => []);
    const running = runScenario(runtime, plan);
    const failure = expect(running).rejects.toBeInstanceOf(EventTimeout);
    await vi.advanceTimersByTimeAsync(scenarioTimeoutMs(plan));
    await failure;
    expect(sent.map((command) => command.type)).toEqual(['scenario', 'stop']);
  });

  it('rejects at once when the command cannot be sent', async () => {
    const { runtime } = scriptedRuntime(() => []);
    runtime.send = async () => Promise.reject(new Error('the lab session has ended'));
    await expect(runScenario(runtime, plan)).rejects.toThrow('the lab session has ended');
  });

  it('allows the plan time plus start-up and slack', () => {
    expect(scenarioTimeoutMs({ ...plan, startTimeoutMs: 5_000, durationMs: 4_000, sigtermAfterMs: 1_000, graceMs: 3_000 })).toBe(19_000);
  });
});
