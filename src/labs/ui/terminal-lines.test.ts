import { describe, expect, it } from 'vitest';
import { outputLineFor } from './terminal-lines.js';
import { events as e } from './test-events.js';

describe('terminal lines', () => {
  it('shows the app output as it is, stderr apart', () => {
    expect(outputLineFor(e.log(0, 'listening on 3000'))).toEqual({ kind: 'stdout', text: 'listening on 3000' });
    expect(outputLineFor(e.log(0, 'boom', 'stderr'))).toEqual({ kind: 'stderr', text: 'boom' });
  });

  it('annotates what the harness did', () => {
    expect(outputLineFor(e.sigterm(0))).toEqual({ kind: 'note', text: '→ SIGTERM sent' });
    expect(outputLineFor(e.sigterm(0, 'scenario'))?.text).toBe('→ SIGTERM sent by the scenario');
    expect(outputLineFor(e.sigkill(0))?.text).toBe('→ SIGKILL sent: the grace period ran out');
    expect(outputLineFor(e.exit(0, 0))).toEqual({ kind: 'note', text: 'app exited with code 0' });
    expect(outputLineFor(e.exit(0, null, 'SIGKILL'))?.text).toBe('app was ended by SIGKILL');
    expect(outputLineFor(e.readiness(0, 503))?.text).toBe('→ readiness: 503');
    expect(outputLineFor(e.requests(0, { ok: 4, timeout: 1 }, 0, true))?.text).toBe('→ load finished: 4 ok, 1 failed');
    expect(outputLineFor(e.error(0, 'The app is not running.'))).toEqual({ kind: 'error', text: 'The app is not running.' });
  });

  it('leaves out what would only repeat', () => {
    expect(outputLineFor(e.requests(0, { ok: 4 }, 1))).toBeNull();
    expect(outputLineFor(e.exited(0, 0))).toBeNull();
  });
});
