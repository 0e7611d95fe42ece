import { useEffect, useRef, useState } from 'preact/hooks';
import type { HarnessEvent } from '../../../labs/harness/protocol.mjs';
import type { LabBundle } from '../../labs/bundle.js';
import { createServerRuntime } from '../../labs/runtime/server.js';
import type { LabRuntime, RuntimeConfig } from '../../labs/runtime/types.js';
import { bootWebContainer, createWebContainerRuntime } from '../../labs/runtime/webcontainer.js';
import { fetchHarnessBundle } from '../../labs/ui/fetch-lab.js';
import {
  WEBCONTAINER_BOOT_TIMEOUT_MS,
  describeFallback,
  explainNoRuntime,
  selectRuntime,
  type WebContainerMiss,
} from '../../labs/ui/select-runtime.js';
import type { RuntimeView } from './RuntimeStatus.js';

interface LabRuntimeOptions {
  slug: string;
  bundle: LabBundle;
  config: RuntimeConfig;
  /** Every file of the lab as the learner has it now: what a new runtime starts from. */
  currentFiles(): Readonly<Record<string, string>>;
  onEvent(event: HarnessEvent): void;
  /** The runtime went away; the view says so and offers Reconnect. */
  onClose(reason: string): void;
}

export interface LabRuntimeControl {
  view: RuntimeView;
  /** Skips the WebContainer boot for the course server; null when that is not on offer. */
  chooseServer: (() => void) | null;
  reconnect(): void;
}

/**
 * The lab's runtime for the page's life: selected once (select-runtime.ts), again on
 * Reconnect, and disposed when the workbench goes away. Labs without an app need none.
 */
export function useLabRuntime(options: LabRuntimeOptions): LabRuntimeControl {
  const needsRuntime = options.bundle.manifest.app !== undefined;
  const [view, setView] = useState<RuntimeView>(needsRuntime ? { status: 'selecting', phase: null } : { status: 'not-needed' });
  const [chooseServer, setChooseServer] = useState<(() => void) | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Callbacks change with every render of the workbench; the selection runs once per attempt.
  const latest = useRef(options);
  latest.current = options;
  /** Why WebContainers did not run at the last attempt, so Reconnect does not wait for them again. */
  const webContainerMiss = useRef<WebContainerMiss | null>(null);

  useEffect(() => {
    if (!needsRuntime) return;
    const { slug, bundle, config } = latest.current;
    let cancelled = false;
    let runtime: LabRuntime | null = null;
    const unsubscribe: (() => void)[] = [];
    let skip = () => {};
    const skipped = new Promise<void>((resolve) => {
      skip = resolve;
    });
    setView({ status: 'selecting', phase: null });

    selectRuntime({
      needsRuntime,
      environment: { crossOriginIsolated: window.crossOriginIsolated === true, hasSharedArrayBuffer: typeof SharedArrayBuffer === 'function' },
      config,
      bootTimeoutMs: WEBCONTAINER_BOOT_TIMEOUT_MS,
      bootWebContainer,
      startWebContainerRuntime: async (container) =>
        createWebContainerRuntime(container, bundle, await fetchHarnessBundle(), { ...latest.current.currentFiles() }),
      startServerRuntime: () => {
        const files = latest.current.currentFiles();
        const editedFiles = Object.fromEntries(bundle.manifest.files.editable.map((path) => [path, files[path] ?? '']));
        return createServerRuntime({ slug, editedFiles });
      },
      skipWebContainer: skipped,
      knownMiss: webContainerMiss.current,
      onPhase: (phase) => {
        if (cancelled) return;
        setView({ status: 'selecting', phase });
        // A function as the new state has to be returned by an updater.
        setChooseServer(() => (phase === 'booting-webcontainer' && config.labRuntime === 'server' ? skip : null));
      },
    }).then((selection) => {
      if (cancelled) {
        if (selection.status === 'ready') void selection.runtime.dispose();
        return;
      }
      setChooseServer(null);
      if (selection.status === 'not-needed') return;
      webContainerMiss.current = selection.webContainerMiss;
      if (selection.status === 'none') {
        setView({ status: 'none', explanation: explainNoRuntime(selection), retry: selection.serverMiss.reason === 'failed' });
        return;
      }
      runtime = selection.runtime;
      unsubscribe.push(
        runtime.onEvent((event) => latest.current.onEvent(event)),
        runtime.onClose((reason) => {
          setView({ status: 'closed', reason });
          latest.current.onClose(reason);
        }),
      );
      setView({ status: 'ready', runtime, fallback: selection.webContainerMiss ? describeFallback(selection.webContainerMiss) : null });
    });

    return () => {
      cancelled = true;
      for (const stop of unsubscribe) stop();
      void runtime?.dispose();
    };
  }, [attempt, needsRuntime]);

  return { view, chooseServer, reconnect: () => setAttempt((n) => n + 1) };
}
