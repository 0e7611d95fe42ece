import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HarnessBundle, LabBundle } from '../../labs/bundle.js';
import { MAX_MESSAGE_BYTES, parseClientMessage, type ServerMessage, type SessionLimits } from './messages.js';
import { LabSession } from './session.js';

export const LAB_RUNTIME_PATH = '/lab-runtime';

export interface LabCatalogue {
  lab(slug: string): LabBundle | undefined;
  harness(): HarnessBundle | undefined;
}

export interface LabRuntimeOptions {
  enabled: boolean;
  catalogue: LabCatalogue;
  limits: SessionLimits;
  maxSessions: number;
  logger: Logger;
}

export interface LabRuntime {
  readonly activeSessions: number;
  /** Ends every session (server shutdown): processes killed, folders removed, sockets closed. */
  closeAll(reason: string): Promise<void>;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Browsers always send Origin on WebSocket upgrades; only pages of this site may open a session. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The server lab runtime: WebSocket upgrades on /lab-runtime?lab=<slug>, one LabSession each.
 * Off unless the instructor enables it; when off, upgrades are refused with a reason.
 */
export function attachLabRuntime(server: Server, options: LabRuntimeOptions): LabRuntime {
  const { enabled, catalogue, limits, maxSessions, logger } = options;
  const sessions = new Set<LabSession>();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let accepting = true;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== LAB_RUNTIME_PATH) return refuse(socket, 404, 'Not Found');
    if (!enabled) return refuse(socket, 404, 'Lab runtime disabled');
    if (!accepting) return refuse(socket, 503, 'Shutting down');
    if (!sameOrigin(req)) {
      logger.warn({ origin: req.headers.origin }, 'lab runtime: refused a foreign origin');
      return refuse(socket, 403, 'Forbidden origin');
    }
    if (sessions.size >= maxSessions) return refuse(socket, 503, 'Too many lab sessions');
    const slug = url.searchParams.get('lab') ?? '';
    const lab = catalogue.lab(slug);
    const harness = catalogue.harness();
    if (!lab || !harness) return refuse(socket, 404, 'Unknown lab');
    wss.handleUpgrade(req, socket, head, (ws) => void openSession(ws, lab, harness));
  });

  async function openSession(ws: WebSocket, lab: LabBundle, harness: HarnessBundle): Promise<void> {
    sockets.add(ws);
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    // The browser may leave while the folder is still being prepared; end the session then too.
    let disconnected = false;
    let session: LabSession | undefined;
    ws.once('close', () => {
      disconnected = true;
      sockets.delete(ws);
      void session?.end('disconnected');
    });
    try {
      session = await LabSession.create({
        lab,
        harness,
        limits,
        logger,
        send,
        onEnd: (reason) => {
          if (session) sessions.delete(session);
          send({ type: 'closed', reason });
          ws.close(1000, reason.slice(0, 120));
        },
      });
    } catch (error) {
      logger.error({ err: error, lab: lab.manifest.slug }, 'lab session could not start');
      send({ type: 'error', message: 'The lab could not be prepared on the server.' });
      ws.close(1011, 'lab could not be prepared');
      return;
    }
    if (disconnected) {
      await session.end('disconnected');
      return;
    }
    sessions.add(session);
    const active = session;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ type: 'error', message: 'binary messages are not accepted' });
      const message = parseClientMessage(data.toString());
      if ('error' in message) return send({ type: 'error', message: message.error });
      const { id } = message;
      const action = message.type === 'write'
        ? active.write(message.path, message.content).then(() => send({ type: 'written', id, path: message.path }))
        : active.command(message.command);
      action.catch((error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }));
    });
    send({ type: 'ready', lab: lab.manifest.slug, limits });
  }

  return {
    get activeSessions() {
      return sessions.size;
    },
    async closeAll(reason: string) {
      accepting = false;
      await Promise.all([...sessions].map((session) => session.end(reason)));
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
