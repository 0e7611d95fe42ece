/**
 * The server runtime's WebSocket protocol. The browser sends these messages; everything the
 * supervisor writes comes back as `event` messages carrying harness events unchanged.
 */
/** `id` is echoed in the reply (`written` or `error`), so a client can match replies to requests. */
export type ClientMessage =
  | { type: 'write'; id?: number; path: string; content: string }
  | { type: 'command'; id?: number; command: Record<string, unknown> };

export type ServerMessage =
  | { type: 'ready'; lab: string; limits: SessionLimits }
  | { type: 'event'; event: unknown }
  | { type: 'written'; id?: number; path: string }
  | { type: 'error'; id?: number; message: string }
  | { type: 'closed'; reason: string };

export interface SessionLimits {
  /** The session ends after this long, whatever it is doing. */
  wallClockMs: number;
  /** V8 heap limit for the supervisor and the app, in MB. */
  memoryMb: number;
  /** Bytes of events sent to the browser before the session is ended. */
  outputBytes: number;
  /** Largest file a learner may write. */
  fileBytes: number;
}

export const MAX_MESSAGE_BYTES = 512 * 1024;

export function parseClientMessage(raw: string): ClientMessage | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: 'message is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'message must be a JSON object' };
  const message = value as Record<string, unknown>;
  if (message.id !== undefined && !Number.isSafeInteger(message.id)) return { error: '"id" must be an integer' };
  const id = message.id as number | undefined;
  if (message.type === 'write') {
    if (typeof message.path !== 'string' || typeof message.content !== 'string') {
      return { error: 'write needs a string "path" and a string "content"' };
    }
    return { type: 'write', id, path: message.path, content: message.content };
  }
  if (message.type === 'command') {
    const command = message.command;
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      return { error: 'command needs a "command" object' };
    }
    return { type: 'command', id, command: command as Record<string, unknown> };
  }
  return { error: `unknown message type ${JSON.stringify(message.type)}` };
}
