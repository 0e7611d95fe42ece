/**
 * Which runtime runs a lab, decided once per page: a WebContainer when the browser can boot one
 * in time, otherwise the course server's runtime when the instructor enabled it, otherwise none,
 * with the reason in plain words. The boot and connect functions are injected, so the order
 * and the reasons are tested without a browser.
 */
import type { LabRuntime, RuntimeConfig } from '../runtime/types.js';

/** Why the lab is not running in a WebContainer. */
export type WebContainerMiss =
  | { reason: 'not-isolated' }
  | { reason: 'unsupported-browser' }
  | { reason: 'timeout'; timeoutMs: number }
  | { reason: 'failed'; detail: string }
  | { reason: 'skipped' };

/** Why the server runtime is not running the lab. */
export type ServerMiss = { reason: 'disabled' } | { reason: 'failed'; detail: string };

export type RuntimeSelection =
  /** File-only labs run nothing. */
  | { status: 'not-needed' }
  | { status: 'ready'; runtime: LabRuntime; webContainerMiss: WebContainerMiss | null }
  | { status: 'none'; webContainerMiss: WebContainerMiss; serverMiss: ServerMiss };

export type SelectionPhase = 'booting-webcontainer' | 'connecting-server';

export interface RuntimeSelectionOptions<Container> {
  /** Does the lab have an app to run? */
  needsRuntime: boolean;
  environment: { crossOriginIsolated: boolean; hasSharedArrayBuffer: boolean };
  config: RuntimeConfig;
  bootTimeoutMs: number;
  bootWebContainer(options: { timeoutMs: number; clientId: string | null }): Promise<Container>;
  startWebContainerRuntime(container: Container): Promise<LabRuntime>;
  startServerRuntime(): Promise<LabRuntime>;
  /** Settles when the learner asks for the course server instead of waiting for the boot. */
  skipWebContainer?: Promise<void>;
  /**
   * Why WebContainers did not run at an earlier attempt on this page (Reconnect): the page is
   * not retried for another boot timeout, it goes straight to the server runtime.
   */
  knownMiss?: WebContainerMiss | null;
  onPhase?(phase: SelectionPhase): void;
}

export const SERVER_RUNTIME_SETTING = 'SHIPSHAPE_LAB_RUNTIME=server';

/** How long a lab page waits for WebContainers before it falls back (notes/webcontainer.md: 10-20 s). */
export const WEBCONTAINER_BOOT_TIMEOUT_MS = 15_000;

export async function selectRuntime<Container>(options: RuntimeSelectionOptions<Container>): Promise<RuntimeSelection> {
  if (!options.needsRuntime) return { status: 'not-needed' };

  const webContainer = options.knownMiss ? { miss: options.knownMiss } : await tryWebContainer(options);
  if ('runtime' in webContainer) return { status: 'ready', runtime: webContainer.runtime, webContainerMiss: null };
  const webContainerMiss = webContainer.miss;

  if (options.config.labRuntime !== 'server') return { status: 'none', webContainerMiss, serverMiss: { reason: 'disabled' } };
  options.onPhase?.('connecting-server');
  try {
    return { status: 'ready', runtime: await options.startServerRuntime(), webContainerMiss };
  } catch (error) {
    return { status: 'none', webContainerMiss, serverMiss: { reason: 'failed', detail: messageOf(error) } };
  }
}

async function tryWebContainer<Container>(
  options: RuntimeSelectionOptions<Container>,
): Promise<{ runtime: LabRuntime } | { miss: WebContainerMiss }> {
  const { environment, bootTimeoutMs } = options;
  if (!environment.crossOriginIsolated) return { miss: { reason: 'not-isolated' } };
  if (!environment.hasSharedArrayBuffer) return { miss: { reason: 'unsupported-browser' } };

  options.onPhase?.('booting-webcontainer');
  // This timer is armed before the boot function arms its own, so at the deadline it fires
  // first and the learner reads "did not start within N s", not the boot's own wording.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<{ miss: WebContainerMiss }>((resolve) => {
    timer = setTimeout(() => resolve({ miss: { reason: 'timeout', timeoutMs: bootTimeoutMs } }), bootTimeoutMs);
  });
  const skipped = (options.skipWebContainer ?? new Promise<never>(() => {})).then(() => ({ miss: { reason: 'skipped' } as const }));
  // A boot that finishes after the deadline or a skip must not leave a second runtime running.
  let decided = false;
  const booted = options
    .bootWebContainer({ timeoutMs: bootTimeoutMs, clientId: options.config.webcontainerClientId })
    .then(async (container): Promise<{ runtime: LabRuntime } | { miss: WebContainerMiss }> => {
      if (decided) return { miss: { reason: 'skipped' } };
      const runtime = await options.startWebContainerRuntime(container);
      if (decided) {
        await runtime.dispose();
        return { miss: { reason: 'skipped' } };
      }
      return { runtime };
    })
    .catch((error: unknown) => ({ miss: { reason: 'failed', detail: messageOf(error) } as const }));
  try {
    return await Promise.race([booted, deadline, skipped]);
  } finally {
    decided = true;
    clearTimeout(timer);
  }
}

/** The runtime line shown while a lab runs, e.g. "Running on the course server (…), because …". */
export function describeFallback(miss: WebContainerMiss): string {
  switch (miss.reason) {
    case 'not-isolated':
      return 'this page is not cross-origin isolated, so WebContainers cannot run here';
    case 'unsupported-browser':
      return 'this browser does not support WebContainers';
    case 'timeout':
      return `WebContainers could not start within ${Math.round(miss.timeoutMs / 1000)} s`;
    case 'failed':
      return `WebContainers could not start (${miss.detail})`;
    case 'skipped':
      return 'you chose the course server';
  }
}

/** Plain-words paragraphs for a lab that has no runtime: what is missing and what still works. */
export function explainNoRuntime(selection: Extract<RuntimeSelection, { status: 'none' }>): string[] {
  const paragraphs: string[] = [];
  const miss = selection.webContainerMiss;
  switch (miss.reason) {
    case 'not-isolated':
      paragraphs.push(
        'This lab runs its app in your browser with WebContainers, which need a cross-origin isolated page ' +
          '(the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers). This page is not isolated.',
      );
      break;
    case 'unsupported-browser':
      paragraphs.push(
        'This lab runs its app in your browser with WebContainers, and this browser does not support them ' +
          '(it lacks SharedArrayBuffer). A current desktop Chrome, Edge or Firefox does.',
      );
      break;
    case 'timeout':
      paragraphs.push(
        `WebContainers could not start within ${Math.round(miss.timeoutMs / 1000)} s. They are hosted by StackBlitz, ` +
          'which may be unreachable from this network, or blocked by the browser’s third-party cookie settings.',
      );
      break;
    case 'failed':
      paragraphs.push(`WebContainers could not start: ${miss.detail}.`);
      break;
    case 'skipped':
      break;
  }
  const server = selection.serverMiss;
  paragraphs.push(
    server.reason === 'disabled'
      ? `The course server can run labs instead, but that is switched off. An instructor enables it by starting the site with ${SERVER_RUNTIME_SETTING}.`
      : `The course server’s lab runtime could not be reached: ${server.detail}.`,
  );
  paragraphs.push(
    'You can still read the instructions, edit the files and run the checks on your files; checks that need the app to run cannot pass until a runtime is available.',
  );
  return paragraphs;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
