import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabRuntime, RuntimeConfig } from '../runtime/types.js';
import { explainNoRuntime, describeFallback, selectRuntime, type RuntimeSelectionOptions } from './select-runtime.js';

function fakeRuntime(kind: LabRuntime['kind']): LabRuntime & { dispose: ReturnType<typeof vi.fn> } {
  return {
    kind,
    label: kind,
    writeFile: async () => {},
    send: async () => {},
    onEvent: () => () => {},
    onClose: () => () => {},
    dispose: vi.fn(async () => {}),
  };
}

const isolated = { crossOriginIsolated: true, hasSharedArrayBuffer: true };
const serverEnabled: RuntimeConfig = { labRuntime: 'server', webcontainerClientId: null };
const serverDisabled: RuntimeConfig = { labRuntime: 'webcontainer', webcontainerClientId: 'wc_client' };

function options(overrides: Partial<RuntimeSelectionOptions<string>>): RuntimeSelectionOptions<string> {
  return {
    needsRuntime: true,
    environment: isolated,
    config: serverEnabled,
    bootTimeoutMs: 15_000,
    bootWebContainer: async () => 'container',
    startWebContainerRuntime: async () => fakeRuntime('webcontainer'),
    startServerRuntime: async () => fakeRuntime('server'),
    ...overrides,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('selectRuntime', () => {
  it('needs nothing for a file-only lab', async () => {
    const boot = vi.fn();
    expect(await selectRuntime(options({ needsRuntime: false, bootWebContainer: boot }))).toEqual({ status: 'not-needed' });
    expect(boot).not.toHaveBeenCalled();
  });

  it('prefers a WebContainer that boots, with the configured client id', async () => {
    const boot = vi.fn(async () => 'container');
    const start = vi.fn(async () => fakeRuntime('webcontainer'));
    const server = vi.fn(async () => fakeRuntime('server'));
    const phases: string[] = [];
    const selection = await selectRuntime(
      options({ config: serverDisabled, bootWebContainer: boot, startWebContainerRuntime: start, startServerRuntime: server, onPhase: (p) => phases.push(p) }),
    );
    expect(selection).toMatchObject({ status: 'ready', runtime: { kind: 'webcontainer' }, webContainerMiss: null });
    expect(boot).toHaveBeenCalledWith({ timeoutMs: 15_000, clientId: 'wc_client' });
    expect(start).toHaveBeenCalledWith('container');
    expect(server).not.toHaveBeenCalled();
    expect(phases).toEqual(['booting-webcontainer']);
  });

  it('does not try to boot on a page that is not cross-origin isolated', async () => {
    const boot = vi.fn(async () => 'container');
    const selection = await selectRuntime(options({ environment: { crossOriginIsolated: false, hasSharedArrayBuffer: false }, bootWebContainer: boot }));
    expect(selection).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'not-isolated' } });
    expect(boot).not.toHaveBeenCalled();
  });

  it('calls a browser without SharedArrayBuffer unsupported', async () => {
    const selection = await selectRuntime(options({ environment: { crossOriginIsolated: true, hasSharedArrayBuffer: false } }));
    expect(selection).toMatchObject({ status: 'ready', webContainerMiss: { reason: 'unsupported-browser' } });
  });

  it('falls back to the server when the boot fails', async () => {
    const selection = await selectRuntime(options({ bootWebContainer: async () => Promise.reject(new Error('iframe blocked')) }));
    expect(selection).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'failed', detail: 'iframe blocked' } });
  });

  it('falls back when the WebContainer boots but the lab cannot be mounted', async () => {
    const selection = await selectRuntime(options({ startWebContainerRuntime: async () => Promise.reject(new Error('spawn failed')) }));
    expect(selection).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'failed', detail: 'spawn failed' } });
  });

  it('gives up on a boot that never answers after the timeout', async () => {
    vi.useFakeTimers();
    const phases: string[] = [];
    const selecting = selectRuntime(options({ bootWebContainer: () => new Promise<string>(() => {}), onPhase: (p) => phases.push(p) }));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(phases).toEqual(['booting-webcontainer']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await selecting).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'timeout', timeoutMs: 15_000 } });
    expect(phases).toEqual(['booting-webcontainer', 'connecting-server']);
  });

  it('lets the learner skip the wait, and disposes a runtime that the boot delivers later', async () => {
    let finishBoot: (container: string) => void = () => {};
    const late = fakeRuntime('webcontainer');
    const start = vi.fn(async () => late);
    let skip: () => void = () => {};
    const selecting = selectRuntime(
      options({
        bootWebContainer: () => new Promise<string>((resolve) => (finishBoot = resolve)),
        startWebContainerRuntime: start,
        skipWebContainer: new Promise<void>((resolve) => (skip = resolve)),
      }),
    );
    skip();
    expect(await selecting).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'skipped' } });
    finishBoot('container');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(start).not.toHaveBeenCalled();
  });

  it('disposes a WebContainer runtime that was still mounting when the deadline passed', async () => {
    vi.useFakeTimers();
    const late = fakeRuntime('webcontainer');
    const selecting = selectRuntime(
      options({ startWebContainerRuntime: () => new Promise((resolve) => setTimeout(() => resolve(late), 20_000)) }),
    );
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await selecting).toMatchObject({ runtime: { kind: 'server' }, webContainerMiss: { reason: 'timeout' } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(late.dispose).toHaveBeenCalled();
  });

  it('goes straight to the server when an earlier attempt on the page found no WebContainers', async () => {
    const boot = vi.fn(async () => 'container');
    const selection = await selectRuntime(options({ bootWebContainer: boot, knownMiss: { reason: 'timeout', timeoutMs: 15_000 } }));
    expect(selection).toMatchObject({ status: 'ready', runtime: { kind: 'server' }, webContainerMiss: { reason: 'timeout' } });
    expect(boot).not.toHaveBeenCalled();
  });

  it('has no runtime when WebContainers fail and the server runtime is off', async () => {
    const server = vi.fn(async () => fakeRuntime('server'));
    const selection = await selectRuntime(
      options({ config: serverDisabled, environment: { crossOriginIsolated: false, hasSharedArrayBuffer: true }, startServerRuntime: server }),
    );
    expect(selection).toEqual({ status: 'none', webContainerMiss: { reason: 'not-isolated' }, serverMiss: { reason: 'disabled' } });
    expect(server).not.toHaveBeenCalled();
  });

  it('has no runtime when the server runtime cannot be reached', async () => {
    const selection = await selectRuntime(
      options({ bootWebContainer: async () => Promise.reject(new Error('x')), startServerRuntime: async () => Promise.reject(new Error('the connection was refused')) }),
    );
    expect(selection).toMatchObject({ status: 'none', serverMiss: { reason: 'failed', detail: 'the connection was refused' } });
  });
});

describe('explanations', () => {
  it('says why, how an instructor enables the server runtime, and what still works', () => {
    const text = explainNoRuntime({ status: 'none', webContainerMiss: { reason: 'timeout', timeoutMs: 15_000 }, serverMiss: { reason: 'disabled' } }).join(' ');
    expect(text).toContain('WebContainers could not start within 15 s');
    expect(text).toContain('SHIPSHAPE_LAB_RUNTIME=server');
    expect(text).toContain('You can still read the instructions, edit the files and run the checks on your files');
  });

  it('names a missing isolation and an unreachable server', () => {
    const text = explainNoRuntime({ status: 'none', webContainerMiss: { reason: 'not-isolated' }, serverMiss: { reason: 'failed', detail: 'refused' } }).join(' ');
    expect(text).toContain('This page is not isolated');
    expect(text).toContain('could not be reached: refused');
    expect(text).not.toContain('SHIPSHAPE_LAB_RUNTIME');
  });

  it('says which fallback happened on the status line', () => {
    expect(describeFallback({ reason: 'timeout', timeoutMs: 15_000 })).toBe('WebContainers could not start within 15 s');
    expect(describeFallback({ reason: 'unsupported-browser' })).toBe('this browser does not support WebContainers');
  });
});
