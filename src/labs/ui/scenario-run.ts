/**
 * "Run checks" against a runtime: bring the supervisor to rest (the harness refuses a scenario
 * while the app or a load runs), run the lab's scenario, and wait for its one result.
 * Talks only to the LabRuntime interface.
 */
import type {
  Command,
  ErrorEvent,
  ExitEvent,
  HarnessEvent,
  RequestsEvent,
  ResultEvent,
  ScenarioPlan,
  ScenarioResult,
} from '../../../labs/harness/protocol.mjs';
import type { LabRuntime } from '../runtime/types.js';

/** Time beyond the plan for the harness to spawn the app, kill leftovers and report. */
const SCENARIO_SLACK_MS = 10_000;
/** How long `stop` may take to end the app and the load. */
const SETTLE_TIMEOUT_MS = 5_000;

export class EventTimeout extends Error {}

export interface Activity {
  appAlive: boolean;
  loadRunning: boolean;
}

/**
 * Resolves with the first event that matches. Rejects with EventTimeout after `timeoutMs`,
 * with the runtime's reason when it closes, or when `signal` aborts (the caller gave up).
 */
export function nextEvent<T extends HarnessEvent>(
  runtime: LabRuntime,
  matches: (event: HarnessEvent) => event is T,
  options: { timeoutMs: number; what: string; signal?: AbortSignal },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      stopEvents();
      stopClose();
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(options.signal?.reason));
    const timer = setTimeout(
      () => finish(() => reject(new EventTimeout(`${options.what} did not happen within ${Math.round(options.timeoutMs / 1000)} s`))),
      options.timeoutMs,
    );
    const stopEvents = runtime.onEvent((event) => {
      if (matches(event)) finish(() => resolve(event));
    });
    const stopClose = runtime.onClose((reason) => finish(() => reject(new Error(reason))));
    options.signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Sends a command and waits for what it should cause. The wait starts first, so a fast answer
 * is not missed; if the send fails, the wait is called off.
 */
async function sendAndAwait<T>(
  runtime: LabRuntime,
  command: Command,
  awaitEffect: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const effect = awaitEffect(controller.signal);
  try {
    await runtime.send(command);
  } catch (error) {
    controller.abort(error);
    effect.catch(() => {});
    throw error;
  }
  return effect;
}

/** Ends whatever the learner started by hand, and waits until the harness reports it ended. */
export async function settle(runtime: LabRuntime, activity: Activity): Promise<void> {
  if (!activity.appAlive && !activity.loadRunning) return;
  const options = (what: string, signal: AbortSignal) => ({ timeoutMs: SETTLE_TIMEOUT_MS, what, signal });
  await sendAndAwait(runtime, { type: 'stop' }, (signal) =>
    Promise.all([
      activity.appAlive && nextEvent(runtime, isExit, options('The app’s exit', signal)),
      activity.loadRunning && nextEvent(runtime, isLoadEnd, options('The end of the load', signal)),
    ]),
  );
}

export function scenarioTimeoutMs(plan: ScenarioPlan): number {
  return plan.startTimeoutMs + Math.max(plan.durationMs, plan.sigtermAfterMs + plan.graceMs) + SCENARIO_SLACK_MS;
}

/**
 * Sends the scenario and resolves with its result. An `error` event while it runs means the
 * harness refused or abandoned it; a run that outlives its plan is stopped.
 */
export async function runScenario(runtime: LabRuntime, plan: ScenarioPlan): Promise<ScenarioResult> {
  let outcome: ResultEvent | ErrorEvent;
  try {
    outcome = await sendAndAwait(runtime, { type: 'scenario', ...plan }, (signal) =>
      nextEvent(runtime, isScenarioOutcome, {
        timeoutMs: scenarioTimeoutMs(plan),
        what: 'The scenario’s result',
        signal,
      }),
    );
  } catch (error) {
    if (error instanceof EventTimeout) await runtime.send({ type: 'stop' }).catch(() => {});
    throw error;
  }
  if (outcome.type === 'error') throw new Error(outcome.message);
  return outcome.result;
}

function isExit(event: HarnessEvent): event is ExitEvent {
  return event.type === 'exit';
}

function isLoadEnd(event: HarnessEvent): event is RequestsEvent {
  return event.type === 'requests' && event.done;
}

function isScenarioOutcome(event: HarnessEvent): event is ResultEvent | ErrorEvent {
  return event.type === 'result' || event.type === 'error';
}
