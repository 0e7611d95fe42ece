import type { LineIndex } from '../text.js';
import type { Span } from '../types.js';

/**
 * An instruction's arguments as Docker sees them once line continuations are joined: the escape
 * character at the end of a line, the line break, and any blank or comment lines inside the
 * continuation disappear. Each character remembers its offset in the file, so findings about a
 * word still point at the right place on the right line.
 */
export class LogicalText {
  private constructor(
    readonly text: string,
    private readonly offsets: number[],
    private readonly lines: LineIndex,
  ) {}

  static read(lines: LineIndex, start: number, end: number, escape: string): LogicalText {
    const source = lines.text;
    let text = '';
    const offsets: number[] = [];
    const isBreak = (i: number) => source[i] === '\n' || source[i] === '\r';
    const skipBreak = (i: number) => (source[i] === '\r' && source[i + 1] === '\n' ? i + 2 : i + 1);
    let i = start;
    while (i < end) {
      if (source[i] === escape) {
        let j = i + 1;
        while (j < end && (source[j] === ' ' || source[j] === '\t')) j++;
        if (j < end && isBreak(j)) {
          j = skipBreak(j);
          // Blank lines and comment lines inside a continuation belong to no instruction.
          for (;;) {
            let k = j;
            while (k < end && (source[k] === ' ' || source[k] === '\t')) k++;
            if (k < end && isBreak(k)) j = skipBreak(k);
            else if (k < end && source[k] === '#') {
              while (k < end && !isBreak(k)) k++;
              j = k < end ? skipBreak(k) : k;
            } else break;
          }
          i = j;
          continue;
        }
      }
      text += source[i];
      offsets.push(i);
      i++;
    }
    return new LogicalText(text, offsets, lines);
  }

  /** Logical characters [start, end), each still mapped to the file. */
  slice(start: number, end = this.text.length): LogicalText {
    return new LogicalText(this.text.slice(start, end), this.offsets.slice(start, end), this.lines);
  }

  /** The same text without leading and trailing whitespace. */
  trim(): LogicalText {
    const start = this.text.length - this.text.trimStart().length;
    return this.slice(start, Math.max(start, this.text.trimEnd().length));
  }

  /** Offset in the file of a logical character (or just past the last one). */
  fileOffset(index: number): number {
    if (index < this.offsets.length) return this.offsets[Math.max(0, index)] ?? 0;
    const last = this.offsets[this.offsets.length - 1];
    return last === undefined ? 0 : last + 1;
  }

  /** The file span of logical characters [start, end). */
  span(start: number, end: number): Span {
    const from = this.fileOffset(start);
    const to = end > start ? this.fileOffset(end - 1) + 1 : from;
    return this.lines.span(from, to);
  }
}
