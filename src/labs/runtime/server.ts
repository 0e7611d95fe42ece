import { Listeners, type Command, type HarnessEvent, type LabRuntime } from './types.js';

/**
 * The server runtime, seen from the browser: a WebSocket to the course server, which runs the
 * same supervisor in a child process (src/server/lab-sessions). Opening it copies the learner's
 * current editable files to the server before anything runs.
 */

type ServerMessage =
  | { type: 'ready'; lab: string }
  | { type: 'event'; event: HarnessEvent }
  | { type: 'written'; id?: number; path: string }
  | { type: 'error'; id?: number; message: string }
  | { type: 'closed'; reason: string };

export async function createServerRuntime(options: {
  slug: string;
  editedFiles: Record<string, string>;
  location?: Pick<Location, 'protocol' | 'host'>;
  timeoutMs?: number;
}): Promise<LabRuntime> {
  const location = options.location ?? window.location;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/lab-runtime?lab=${encodeURIComponent(options.slug)}`);
  const events = new Listeners<HarnessEvent>();
  const closes = new Listeners<string>();
  const pendingWrites = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closedReason: string | null = null;

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the course server did not open a lab session in time')), options.timeoutMs ?? 10_000);
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      switch (data.type) {
        case 'ready':
          clearTimeout(timer);
          resolve();
          break;
        case 'event':
          events.emit(data.event);
          break;
        case 'written':
          if (data.id !== undefined) pendingWrites.get(data.id)?.resolve();
          pendingWrites.delete(data.id ?? -1);
          break;
        case 'error':
          if (data.id !== undefined && pendingWrites.has(data.id)) {
            pendingWrites.get(data.id)!.reject(new Error(data.message));
            pendingWrites.delete(data.id);
          } else {
            events.emit({ type: 'error', message: data.message, t: 0 });
          }
          break;
        case 'closed':
          closedReason = data.reason;
          break;
      }
    });
    socket.addEventListener('close', (event) => {
      clearTimeout(timer);
      const reason = closedReason ?? (event.reason || 'the connection to the course server was lost');
      for (const pending of pendingWrites.values()) pending.reject(new Error(reason));
      pendingWrites.clear();
      closes.emit(reason);
      reject(new Error(reason));
    });
  });

  const runtime: LabRuntime = {
    kind: 'server',
    label: 'Running on the course server (server runtime)',
    writeFile: (path, content) =>
      new Promise<void>((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN) return reject(new Error('the lab session has ended'));
        const id = nextId++;
        pendingWrites.set(id, { resolve, reject });
        socket.send(JSON.stringify({ type: 'write', id, path, content }));
      }),
    send: async (command: Command) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the lab session has ended');
      socket.send(JSON.stringify({ type: 'command', command }));
    },
    onEvent: (listener) => events.add(listener),
    onClose: (listener) => closes.add(listener),
    dispose: async () => {
      socket.close(1000, 'lab closed');
    },
  };
  for (const [path, content] of Object.entries(options.editedFiles)) await runtime.writeFile(path, content);
  return runtime;
}
