/**
 * How harness events read in the lab's terminal: the app's own output as it is, and what the
 * harness did (signals, exits, readiness changes) as annotations set apart from it.
 */
import { countFailed } from '../../../labs/harness/protocol.mjs';
import type { HarnessEvent } from '../../../labs/harness/protocol.mjs';

/** stdout and stderr are the app's; note is the harness's annotation; error a refused command. */
export type OutputKind = 'stdout' | 'stderr' | 'note' | 'error';

export interface OutputLine {
  kind: OutputKind;
  text: string;
}

export function outputLineFor(event: HarnessEvent): OutputLine | null {
  switch (event.type) {
    case 'log':
      return { kind: event.stream, text: event.line };
    case 'status':
      if (event.state === 'starting') return note(`→ starting the app${event.pid === null ? '' : ` (pid ${event.pid})`}`);
      if (event.state === 'running') return note('→ the app answers HTTP');
      return null;
    case 'signal':
      if (event.reason === 'grace') return note(`→ ${event.signal} sent: the grace period ran out`);
      return note(`→ ${event.signal} sent${event.reason === 'scenario' ? ' by the scenario' : ''}`);
    case 'exit':
      return note(event.signal === null ? `app exited with code ${event.code}` : `app was ended by ${event.signal}`);
    case 'readiness':
      return note(`→ readiness: ${event.status === 'unreachable' ? 'no answer' : event.status}`);
    case 'requests':
      return event.done ? note(`→ load finished: ${event.counts.ok} ok, ${countFailed(event.counts)} failed`) : null;
    case 'result':
      return note('→ scenario finished');
    case 'error':
      return { kind: 'error', text: event.message };
    case 'hello':
      return null;
  }
}

function note(text: string): OutputLine {
  return { kind: 'note', text };
}
