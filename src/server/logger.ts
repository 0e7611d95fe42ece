import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export interface LoggerWithFlush {
  logger: Logger;
  /** Resolves once every queued line has been written to stdout. */
  flush(): Promise<void>;
  /** Last resort on a crash: write what is queued before the process exits. */
  flushSync(): void;
}

/**
 * JSON lines on stdout, written asynchronously so logging never blocks a response, and flushed
 * explicitly before exit: `process.exit()` would otherwise drop lines still queued for a pipe.
 */
export function createLogger(level: LogLevel, destination: number = 1): LoggerWithFlush {
  const stream = pino.destination({ dest: destination, sync: false });
  const logger = pino(
    {
      level,
      base: { service: 'shipshape' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return {
    logger,
    flush: () => new Promise((resolve) => logger.flush(() => resolve())),
    flushSync: () => {
      try {
        stream.flushSync();
      } catch {
        // A write was still in progress; nothing more can be done while crashing.
      }
    },
  };
}
