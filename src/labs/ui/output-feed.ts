/**
 * The lab's output, kept outside Preact's state: the terminal writes each line as it arrives
 * and the screen-reader log reads the latest lines at its own pace. Bounded, so a chatty app
 * cannot grow the page's memory without limit.
 */
import type { OutputLine } from './terminal-lines.js';

export class OutputFeed {
  readonly #lines: OutputLine[] = [];
  readonly #listeners = new Set<(line: OutputLine) => void>();
  #appended = 0;

  constructor(readonly capacity = 5_000) {}

  append(line: OutputLine): void {
    this.#lines.push(line);
    if (this.#lines.length > this.capacity) this.#lines.shift();
    this.#appended += 1;
    for (const listener of this.#listeners) listener(line);
  }

  /** Calls `listener` for every line from now on; returns the unsubscribe function. */
  subscribe(listener: (line: OutputLine) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The last `count` lines kept, oldest first. */
  latest(count: number): OutputLine[] {
    return this.#lines.slice(-count);
  }

  /** Lines kept, oldest first (a terminal that opens late replays them). */
  all(): readonly OutputLine[] {
    return this.#lines;
  }

  /** How many lines were ever appended: changes whenever there is something new. */
  get appended(): number {
    return this.#appended;
  }
}
