import type { Command, HarnessEvent } from '../../../labs/harness/protocol.mjs';
import type { HarnessBundle, LabBundle } from '../bundle.js';

export type { Command, HarnessEvent, HarnessBundle, LabBundle };

export type RuntimeKind = 'webcontainer' | 'server';

/**
 * Where a lab's supervisor runs. The UI talks only to this interface, never to WebContainer or
 * WebSocket APIs, so both runtimes behave the same to the learner.
 */
export interface LabRuntime {
  readonly kind: RuntimeKind;
  /** Plain words for the UI, e.g. "Running in your browser (WebContainer)". */
  readonly label: string;
  /** Replaces one of the lab's editable files in the runtime's copy. */
  writeFile(path: string, content: string): Promise<void>;
  /** Sends a command to the harness supervisor. */
  send(command: Command): Promise<void>;
  onEvent(listener: (event: HarnessEvent) => void): () => void;
  /** The runtime went away (limit reached, server shutting down, connection lost). */
  onClose(listener: (reason: string) => void): () => void;
  dispose(): Promise<void>;
}

/** What the site server tells the browser at /runtime-config.json. */
export interface RuntimeConfig {
  labRuntime: 'webcontainer' | 'server';
  webcontainerClientId: string | null;
}

const EVENT_TYPES = new Set(['hello', 'log', 'status', 'signal', 'exit', 'requests', 'readiness', 'result', 'error']);

/** Harness events arrive as JSON lines; anything else on the stream is not an event. */
export function parseEventLine(line: string): HarnessEvent | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const value = JSON.parse(trimmed) as { type?: unknown };
    return typeof value.type === 'string' && EVENT_TYPES.has(value.type) ? (value as HarnessEvent) : null;
  } catch {
    return null;
  }
}

/** A small listener registry shared by the runtime adapters. */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.#listeners) listener(value);
  }
}
