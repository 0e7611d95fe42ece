import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  /** How long readiness reports 503 while the server still serves, so load balancers stop routing here. */
  drainMs: number;
  /** How long in-flight requests may take after the listener closes before their sockets are destroyed. */
  timeoutMs: number;
  logger: Logger;
  /**
   * Long-lived work to stop once the listener closes (lab sessions and their WebSockets): it
   * runs alongside the HTTP drain, because upgraded sockets would otherwise hold `close()` open.
   */
  onClose?: () => Promise<void>;
}

export type ShutdownPhase = 'running' | 'draining' | 'closing' | 'closed';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The shutdown sequence the course teaches, applied to this server:
 * readiness goes 503 → keep serving for the drain delay → stop listening → every later response
 * says `Connection: close` and idle keep-alive sockets are closed → at the deadline, sockets still
 * open (a client that connected and never sent a request, a stuck download) are destroyed.
 *
 * `server.close()` alone is not enough: it leaves busy keep-alive sockets open, and after it Node
 * stops enforcing header timeouts, so one silent client would hold the process forever.
 */
export class GracefulShutdown {
  #phase: ShutdownPhase = 'running';
  #done: Promise<void> | undefined;
  readonly #server: Server;
  readonly #options: ShutdownOptions;
  /** Every open socket, so the deadline also reaches connections Node no longer tracks (upgrades). */
  readonly #sockets = new Set<Socket>();

  constructor(server: Server, options: ShutdownOptions) {
    this.#server = server;
    this.#options = options;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  get phase(): ShutdownPhase {
    return this.#phase;
  }

  get isReady(): boolean {
    return this.#phase === 'running';
  }

  /** Call for every response before its headers are written. */
  prepareResponse(res: ServerResponse): void {
    if (this.#phase === 'running') return;
    res.setHeader('Connection', 'close');
    // A keep-alive socket whose previous response left before shutdown began can carry a new
    // request; once this response is out, close it rather than wait for the idle timer.
    res.once('finish', () => this.#closeIdleSoon());
  }

  /** Starts the sequence once; later calls (a second signal) return the same promise. */
  shutdown(reason: string): Promise<void> {
    this.#done ??= this.#run(reason);
    return this.#done;
  }

  async #run(reason: string): Promise<void> {
    const { logger, drainMs, timeoutMs } = this.#options;
    this.#phase = 'draining';
    logger.info({ reason, drainMs, timeoutMs }, 'shutdown started: readiness is 503, still serving');
    if (drainMs > 0) await sleep(drainMs);

    this.#phase = 'closing';
    logger.info('draining finished: closing the listener');
    const closed = new Promise<void>((resolve) => {
      this.#server.close((error) => {
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') {
          logger.warn({ err: error }, 'closing the listener reported an error');
        }
        resolve();
      });
    });
    this.#server.closeIdleConnections();

    let deadlineHit = false;
    const deadline = setTimeout(() => {
      deadlineHit = true;
      logger.warn({ openSockets: this.#sockets.size }, 'shutdown deadline reached: destroying remaining connections');
      this.#server.closeAllConnections();
      for (const socket of this.#sockets) socket.destroy();
    }, timeoutMs);
    deadline.unref();

    const backgroundStopped = (this.#options.onClose?.() ?? Promise.resolve()).catch((error: unknown) => {
      logger.error({ err: error }, 'stopping background work failed');
    });

    await closed;
    clearTimeout(deadline);
    logger.info({ deadlineHit }, 'HTTP server closed');
    await backgroundStopped;
    this.#phase = 'closed';
    logger.info('shutdown complete');
  }

  #closeIdleSoon(): void {
    setImmediate(() => this.#server.closeIdleConnections());
  }
}
