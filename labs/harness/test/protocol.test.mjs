// @ts-check
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_SCENARIO_PLAN, LIMITS, countFailed, emptyCounts, parseCommand } from '../protocol.mjs';

describe('parseCommand', () => {
  it('reads each command type, applying defaults', () => {
    expect(parseCommand('{"type":"start"}')).toEqual({ ok: true, command: { type: 'start' } });
    expect(parseCommand('{"type":"sigterm","extra":1}')).toEqual({ ok: true, command: { type: 'sigterm' } });
    expect(parseCommand('{"type":"load","users":3,"durationMs":2000,"path":"/slow?ms=50"}')).toEqual({
      ok: true,
      command: { type: 'load', users: 3, durationMs: 2000, path: '/slow?ms=50', keepAlive: true },
    });
    expect(parseCommand('{"type":"scenario"}')).toEqual({ ok: true, command: { type: 'scenario', ...DEFAULT_SCENARIO_PLAN } });
  });

  it('reads a full scenario plan', () => {
    const plan = {
      users: 5,
      durationMs: 3000,
      path: '/',
      keepAlive: false,
      sigtermAfterMs: 1000,
      graceMs: 2000,
      requestTimeoutMs: 1000,
      readinessPollMs: 50,
      startTimeoutMs: 1000,
      silentClient: { mode: 'partialHeaders', afterMs: 200 },
      probes: [{ name: 'ready', path: '/health/ready', afterMs: 1100 }],
      execProbes: [{ name: 'healthcheck', command: ['node', 'healthcheck.mjs'], afterMs: 900, timeoutMs: 2000 }],
    };
    expect(parseCommand(JSON.stringify({ type: 'scenario', ...plan }))).toEqual({ ok: true, command: { type: 'scenario', ...plan } });
  });

  it.each([
    ['', 'Command is not valid JSON'],
    ['{"type":', 'Command is not valid JSON'],
    ['[1,2]', 'Command must be a JSON object with a string "type"'],
    ['{"type":7}', 'Command must be a JSON object with a string "type"'],
    ['{"type":"reboot"}', 'Unknown command type "reboot"'],
    ['{"type":"load","users":0}', '"users" must be an integer from 1 to 50'],
    ['{"type":"load","users":2.5}', '"users" must be an integer from 1 to 50'],
    ['{"type":"load","durationMs":600000}', '"durationMs" must be an integer from 100 to 60000'],
    ['{"type":"load","keepAlive":"yes"}', '"keepAlive" must be true or false'],
    ['{"type":"load","path":"health"}', '"path" must be a path starting with "/" (at most 2000 characters)'],
    ['{"type":"load","path":"/x HTTP/1.1\\r\\nHost: evil"}', '"path" must be a path starting with "/" (at most 2000 characters)'],
    ['{"type":"scenario","durationMs":1000,"sigtermAfterMs":2000}', '"sigtermAfterMs" must be an integer from 0 to 1000'],
    ['{"type":"scenario","silentClient":{"mode":"loud"}}', '"silentClient.mode" must be "nothing" or "partialHeaders"'],
    ['{"type":"scenario","silentClient":{"mode":"nothing","afterMs":-1}}', '"silentClient.afterMs" must be an integer from 0 to 4000'],
    ['{"type":"scenario","probes":[{"name":"a","path":"/"},{"name":"a","path":"/"}]}', '"probes[1].name" repeats "a"'],
    ['{"type":"scenario","probes":[{"name":"a","path":"/","afterMs":99999}]}', '"probes[0].afterMs" must be an integer from 0 to 4000'],
    ['{"type":"scenario","execProbes":{}}', '"execProbes" must be an array of at most 5 probes'],
    ['{"type":"scenario","execProbes":[{"name":"a","command":["true"]},{"name":"a","command":["true"]}]}', '"execProbes[1].name" repeats "a"'],
    ...['"sh -c true"', '[]', '["node",""]', '["node","a\\u0000b"]', '["node",7]'].map((command) => [
      `{"type":"scenario","execProbes":[{"name":"a","command":${command}}]}`,
      '"execProbes[0].command" must be an array of 1 to 32 non-empty strings without NUL (at most 2000 characters each)',
    ]),
    ['{"type":"scenario","execProbes":[{"name":"a","command":["true"],"timeoutMs":60000}]}', '"execProbes[0].timeoutMs" must be an integer from 100 to 10000'],
  ])('rejects %s', (line, message) => {
    expect(parseCommand(line)).toEqual({ ok: false, message });
  });

  it('gives an exec probe the default timeout', () => {
    const parsed = parseCommand('{"type":"scenario","execProbes":[{"name":"a","command":["node","probe.mjs"],"afterMs":10}]}');
    expect(parsed).toMatchObject({
      ok: true,
      command: { execProbes: [{ name: 'a', command: ['node', 'probe.mjs'], afterMs: 10, timeoutMs: DEFAULT_EXEC_TIMEOUT_MS }] },
    });
  });

  it('rejects a line longer than the limit before parsing it', () => {
    const line = JSON.stringify({ type: 'start', padding: 'x'.repeat(LIMITS.maxCommandLineLength) });
    expect(parseCommand(line)).toEqual({ ok: false, message: 'Command line longer than 100000 characters' });
  });
});

describe('countFailed', () => {
  it('counts only the failing outcomes', () => {
    const counts = { ...emptyCounts(), ok: 10, retrySafeReset: 1, refusedAfterReady503: 2, non2xx: 3, timeout: 4 };
    expect(countFailed(counts)).toBe(7);
  });
});
