/**
 * How long an app needs to shut down, from the variables this course's apps read: a drain delay
 * (keep serving while load balancers notice readiness went to 503) followed by a hard deadline
 * for in-flight requests. Orchestrators must wait at least that long, plus a margin for the
 * process to flush logs and exit, before they send SIGKILL.
 */

export const SHUTDOWN_MARGIN_SECONDS = 5;

export interface ShutdownBudget {
  drainMs?: number;
  timeoutMs?: number;
}

/**
 * Reads SHUTDOWN_DRAIN_MS and SHUTDOWN_TIMEOUT_MS when they are whole numbers, or Compose
 * interpolations with a default (`${SHUTDOWN_DRAIN_MS:-3000}`), which is what runs unless overridden.
 */
export function shutdownBudget(environment: ReadonlyMap<string, string | undefined>): ShutdownBudget {
  const budget: ShutdownBudget = {};
  const read = (name: string) => {
    const value = environment.get(name)?.trim();
    const number = value?.replace(/^\$\{\w+:?-(\d+)\}$/, '$1');
    return number !== undefined && /^\d+$/.test(number) ? Number(number) : undefined;
  };
  const drainMs = read('SHUTDOWN_DRAIN_MS');
  const timeoutMs = read('SHUTDOWN_TIMEOUT_MS');
  if (drainMs !== undefined) budget.drainMs = drainMs;
  if (timeoutMs !== undefined) budget.timeoutMs = timeoutMs;
  return budget;
}

/** Seconds the app's own shutdown takes, per its environment; 0 when it does not say. */
export function appShutdownSeconds(budget: ShutdownBudget): number {
  return ((budget.drainMs ?? 0) + (budget.timeoutMs ?? 0)) / 1000;
}

/** The parts of a grace-period requirement, spelled out for a message. */
export function describeBudget(budget: ShutdownBudget, preStopSeconds = 0): string {
  const parts: string[] = [];
  if (preStopSeconds > 0) parts.push(`preStop sleep ${preStopSeconds} s`);
  if (budget.drainMs !== undefined) parts.push(`drain ${budget.drainMs / 1000} s`);
  if (budget.timeoutMs !== undefined) parts.push(`deadline ${budget.timeoutMs / 1000} s`);
  parts.push(`${SHUTDOWN_MARGIN_SECONDS} s margin`);
  return parts.join(' + ');
}
