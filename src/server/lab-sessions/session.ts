import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { APP_DIR, HARNESS_DIR, type HarnessBundle, type LabBundle } from '../../labs/bundle.js';
import { freePort } from '../../labs/free-port.js';
import { supervisorArgs } from '../../labs/supervisor-args.js';
import { writeLabFiles } from '../../labs/write-lab-files.js';
import type { ServerMessage, SessionLimits } from './messages.js';

/**
 * One learner's lab in the server runtime: a private temporary folder holding the harness and
 * the lab's files, and the harness supervisor running in it as a child process. This executes
 * learner code on the server by design, so everything is bounded: only the lab's editable files
 * can be written, each up to a size limit; the processes get a clean environment and a heap
 * limit; the session ends at a wall-clock limit or when it has sent too much output; and on
 * every ending the supervisor's and the app's process groups are killed and the folder removed.
 */

export interface SessionOptions {
  lab: LabBundle;
  harness: HarnessBundle;
  limits: SessionLimits;
  logger: Logger;
  send: (message: ServerMessage) => void;
  /** Called once when the session ends, for whatever reason. */
  onEnd: (reason: string) => void;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

export class LabSession {
  readonly #options: SessionOptions;
  readonly #dir: string;
  readonly #appDir: string;
  #supervisor: ChildProcess | null = null;
  /** The app runs in its own process group, whose id is its pid (see labs/harness/app-process.mjs). */
  #appGroup: number | null = null;
  #outputBytes = 0;
  #ended: Promise<void> | null = null;
  readonly #wallClock: NodeJS.Timeout;

  private constructor(options: SessionOptions, dir: string) {
    this.#options = options;
    this.#dir = dir;
    this.#appDir = path.join(dir, APP_DIR);
    this.#wallClock = setTimeout(() => void this.end('time limit reached'), options.limits.wallClockMs);
    this.#wallClock.unref();
  }

  static async create(options: SessionOptions): Promise<LabSession> {
    const dir = await mkdtemp(path.join(tmpdir(), 'shipshape-lab-'));
    const session = new LabSession(options, dir);
    try {
      await writeLabFiles(path.join(dir, HARNESS_DIR), options.harness.files);
      await writeLabFiles(session.#appDir, options.lab.starter);
    } catch (error) {
      await session.end('could not prepare the lab files');
      throw error;
    }
    return session;
  }

  get directory(): string {
    return this.#dir;
  }

  /** Replaces one of the lab's editable files with the learner's version. */
  async write(file: string, content: string): Promise<void> {
    if (!this.#options.lab.manifest.files.editable.includes(file)) {
      throw new Error(`${file} is not an editable file of this lab`);
    }
    if (Buffer.byteLength(content) > this.#options.limits.fileBytes) {
      throw new Error(`${file} is larger than ${this.#options.limits.fileBytes} bytes`);
    }
    await writeLabFiles(this.#appDir, { [file]: content });
  }

  /** Passes a harness command to the supervisor, starting the supervisor on first use. */
  async command(command: Record<string, unknown>): Promise<void> {
    if (this.#ended) throw new Error('the session has ended');
    const supervisor = this.#supervisor ?? (await this.#startSupervisor());
    supervisor.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  async #startSupervisor(): Promise<ChildProcess> {
    const { lab, limits, logger } = this.#options;
    const app = lab.manifest.app;
    if (!app) throw new Error('this lab has no app to run');
    const port = await freePort();
    const supervisor = spawn(process.execPath, supervisorArgs(app, APP_DIR, port), {
      cwd: this.#dir,
      // Nothing of the server's environment (no secrets, no configuration) reaches learner code.
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: this.#dir,
        TMPDIR: this.#dir,
        LANG: 'C.UTF-8',
        NODE_OPTIONS: `--max-old-space-size=${limits.memoryMb}`,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.#supervisor = supervisor;
    logger.info({ lab: lab.manifest.slug, pid: supervisor.pid, port, dir: this.#dir }, 'lab supervisor started');

    let pending = '';
    supervisor.stdout!.setEncoding('utf8');
    supervisor.stdout!.on('data', (chunk: string) => {
      this.#countOutput(chunk.length);
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        this.#forward(line);
      }
    });
    supervisor.stderr!.setEncoding('utf8');
    supervisor.stderr!.on('data', (chunk: string) => {
      this.#countOutput(chunk.length);
      this.#options.send({ type: 'error', message: `harness: ${chunk.slice(0, 2000).trim()}` });
    });
    supervisor.stdin!.on('error', () => {
      // The supervisor died; its exit handler reports it.
    });
    supervisor.once('exit', (code, signal) => {
      if (this.#supervisor === supervisor) this.#supervisor = null;
      logger.info({ lab: lab.manifest.slug, code, signal }, 'lab supervisor exited');
    });
    return supervisor;
  }

  #forward(line: string): void {
    if (!line) return;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      this.#options.send({ type: 'error', message: `harness wrote a line that is not JSON: ${line.slice(0, 200)}` });
      return;
    }
    // Remember the app's group so ending the session kills it too; a previous app's group is
    // killed first, so no stale id is kept (a pid can be reused once its group is gone).
    const status = event as { type?: unknown; state?: unknown; pid?: unknown };
    if (status.type === 'status' && status.state === 'starting' && typeof status.pid === 'number') {
      if (this.#appGroup !== null && this.#appGroup !== status.pid) killGroup(this.#appGroup);
      this.#appGroup = status.pid;
    }
    this.#options.send({ type: 'event', event });
  }

  #countOutput(bytes: number): void {
    this.#outputBytes += bytes;
    if (this.#outputBytes > this.#options.limits.outputBytes) void this.end('output limit reached');
  }

  /** Ends the session once: kills every process group it started and removes its folder. */
  end(reason: string): Promise<void> {
    this.#ended ??= (async () => {
      clearTimeout(this.#wallClock);
      const supervisor = this.#supervisor;
      if (this.#appGroup !== null) killGroup(this.#appGroup);
      if (supervisor?.pid) killGroup(supervisor.pid);
      if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) {
        await new Promise((resolve) => supervisor.once('exit', resolve));
      }
      await rm(this.#dir, { recursive: true, force: true });
      this.#options.logger.info({ lab: this.#options.lab.manifest.slug, reason }, 'lab session ended');
      this.#options.onEnd(reason);
    })();
    return this.#ended;
  }
}
