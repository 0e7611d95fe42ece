import { emptyCounts, type HarnessEvent, type OutcomeCounts } from '../../../labs/harness/protocol.mjs';

/** Harness events as the supervisor writes them, for tests of what the UI folds them into. */
export const events = {
  starting: (t: number): HarnessEvent => ({ type: 'status', state: 'starting', pid: 42, t }),
  running: (t: number): HarnessEvent => ({ type: 'status', state: 'running', t }),
  requests: (t: number, counts: Partial<OutcomeCounts>, inFlight: number, done = false): HarnessEvent => ({
    type: 'requests',
    counts: { ...emptyCounts(), ...counts },
    inFlight,
    done,
    t,
  }),
  readiness: (t: number, status: number | 'unreachable'): HarnessEvent => ({ type: 'readiness', status, t }),
  sigterm: (t: number, reason: 'command' | 'scenario' = 'command'): HarnessEvent => ({ type: 'signal', signal: 'SIGTERM', reason, t }),
  sigkill: (t: number, reason: 'command' | 'grace' = 'grace'): HarnessEvent => ({ type: 'signal', signal: 'SIGKILL', reason, t }),
  exit: (t: number, code: number | null, signal: string | null = null): HarnessEvent => ({ type: 'exit', code, signal, t }),
  exited: (t: number, code: number | null, signal: string | null = null): HarnessEvent => ({ type: 'status', state: 'exited', code, signal, t }),
  log: (t: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): HarnessEvent => ({ type: 'log', stream, line, t }),
  error: (t: number, message: string): HarnessEvent => ({ type: 'error', message, t }),
};
