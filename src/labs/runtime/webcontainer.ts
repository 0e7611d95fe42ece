import type { FileSystemTree, WebContainer, WebContainerProcess } from '@webcontainer/api';
import { APP_DIR, HARNESS_DIR } from '../bundle.js';
import { supervisorArgs } from '../supervisor-args.js';
import { lineSplitter } from './line-splitter.js';
import { Listeners, parseEventLine, type Command, type HarnessBundle, type HarnessEvent, type LabBundle, type LabRuntime } from './types.js';

/**
 * The WebContainer runtime: the lab runs in the learner's browser. This adapter is kept thin on
 * purpose: it boots once per page, mounts the harness and the lab, spawns the supervisor, and
 * moves JSON lines in and out. It cannot be exercised on machines without access to StackBlitz,
 * so its tests drive it with a stand-in that runs the real supervisor as a local process.
 */

/** The subset of the WebContainer API this adapter uses. */
export type WebContainerLike = Pick<WebContainer, 'mount' | 'spawn'> & {
  fs: Pick<WebContainer['fs'], 'writeFile'>;
};

export class WebContainerUnavailable extends Error {}

let booted: Promise<WebContainerLike> | null = null;

/**
 * Boots the page's one WebContainer. `WebContainer.boot()` never settles when its iframe cannot
 * load (offline, blocked, unsupported browser), so it races a timeout; a failed boot is not
 * cached, so a later attempt can try again.
 */
export function bootWebContainer(options: { timeoutMs: number; clientId: string | null }): Promise<WebContainerLike> {
  if (typeof window !== 'undefined' && !(window.crossOriginIsolated && typeof SharedArrayBuffer === 'function')) {
    return Promise.reject(new WebContainerUnavailable('this page is not cross-origin isolated, so WebContainers cannot run here'));
  }
  booted ??= (async () => {
    const api = await import('@webcontainer/api');
    if (options.clientId) api.configureAPIKey(options.clientId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WebContainerUnavailable(`WebContainers did not start within ${Math.round(options.timeoutMs / 1000)} s (StackBlitz may be unreachable from this network, or the browser may not support them)`)),
        options.timeoutMs,
      );
    });
    try {
      return await Promise.race([api.WebContainer.boot({ coep: 'require-corp', workdirName: 'lab' }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  })().catch((error: unknown) => {
    booted = null;
    throw error;
  });
  return booted;
}

function tree(files: Record<string, string>): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [filePath, contents] of Object.entries(files)) {
    const parts = filePath.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const existing = node[part];
      if (existing && 'directory' in existing) node = existing.directory;
      else {
        const directory: FileSystemTree = {};
        node[part] = { directory };
        node = directory;
      }
    }
    node[parts.at(-1)!] = { file: { contents } };
  }
  return root;
}

/** The port the lab app uses inside the WebContainer; nothing else runs there. */
export async function createWebContainerRuntime(
  container: WebContainerLike,
  lab: LabBundle,
  harness: HarnessBundle,
  files: Record<string, string>,
): Promise<LabRuntime> {
  const app = lab.manifest.app;
  if (!app) throw new Error('this lab has no app to run');
  await container.mount({ [HARNESS_DIR]: { directory: tree(harness.files) }, [APP_DIR]: { directory: tree(files) } });

  const events = new Listeners<HarnessEvent>();
  const closes = new Listeners<string>();
  const process: WebContainerProcess = await container.spawn('node', supervisorArgs(app, APP_DIR, app.port), {
    output: true,
  });
  const writer = process.input.getWriter();
  // The process talks through a pseudo-terminal, which may echo what is written to it; an echoed
  // command is not an event, and parseEventLine rejects it by its type.
  void process.output.pipeTo(
    new WritableStream({
      write: lineSplitter((line) => {
        const event = parseEventLine(line);
        if (event) events.emit(event);
      }),
    }),
  );
  void process.exit.then((code) => closes.emit(`the lab harness stopped (exit code ${code})`));

  return {
    kind: 'webcontainer',
    label: 'Running in your browser (WebContainer)',
    writeFile: (path, content) => container.fs.writeFile(`${APP_DIR}/${path}`, content),
    send: (command: Command) => writer.write(`${JSON.stringify(command)}\n`),
    onEvent: (listener) => events.add(listener),
    onClose: (listener) => closes.add(listener),
    dispose: async () => {
      process.kill();
    },
  };
}
