/**
 * The part of `vscode-languageserver-textdocument` that dockerfile-ast uses (create, getText,
 * positionAt, offsetAt), for the browser build only (aliased in astro.config.mjs): the package's
 * incremental-update machinery is dead weight there. text-document-shim.test.ts holds it to the
 * real package's results, CR, LF and CRLF line ends included.
 */
import type { Position, Range } from './lsp-types-shim.js';

function isLineEnd(code: number): boolean {
  return code === 10 || code === 13;
}

class ShimDocument {
  #lineStarts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly text: string,
  ) {}

  get lineCount(): number {
    return this.#starts().length;
  }

  getText(range?: Range): string {
    // substring, not slice: a range whose end precedes its start reads backwards, as in the package.
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.#starts();
    // The last line that starts at or before the offset.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! > clamped) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const lineStart = starts[line]!;
    return { line, character: this.#beforeLineEnd(clamped, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const starts = this.#starts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const nextStart = starts[position.line + 1] ?? this.text.length;
    return this.#beforeLineEnd(Math.min(lineStart + position.character, nextStart), lineStart);
  }

  /** Moves an offset back off the line-end characters, never before the line's start. */
  #beforeLineEnd(offset: number, lineStart: number): number {
    let result = offset;
    while (result > lineStart && isLineEnd(this.text.charCodeAt(result - 1))) result--;
    return result;
  }

  #starts(): number[] {
    if (!this.#lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) {
        const code = this.text.charCodeAt(i);
        if (!isLineEnd(code)) continue;
        if (code === 13 && this.text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }
}

export const TextDocument = {
  create: (uri: string, languageId: string, version: number, content: string): ShimDocument => new ShimDocument(uri, languageId, version, content),
};
