/** A word of a shell command: its value with quotes removed, and where it sits in the text. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

/**
 * Splits shell text into simple commands (at newlines, `;`, `&&`, `||`, `|`, `&` and parentheses)
 * and each command into words, honouring quotes, backslashes and `#` comments. Not a shell: it
 * reads enough structure to find `npm ci`, its flags and redirections, and never fails.
 */
export function splitShellCommands(text: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let value = '';
  let start = -1;
  const endWord = (end: number) => {
    if (start >= 0) words.push({ value, start, end });
    value = '';
    start = -1;
  };
  const endCommand = () => {
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t') {
      endWord(i);
    } else if (ch === '#' && start < 0) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (ch === '&' && (text[i - 1] === '>' || text[i - 1] === '<' || text[i + 1] === '>')) {
      // `2>&1` and `&>` are redirections, not command separators.
      if (start < 0) start = i;
      value += ch;
    } else if ('\n\r;&|()'.includes(ch)) {
      endWord(i);
      endCommand();
    } else {
      if (start < 0) start = i;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? text.length : close;
        value += text.slice(i + 1, stop);
        i = stop;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < text.length) j++;
          value += text[j];
          j++;
        }
        i = j;
      } else if (ch === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i++;
      } else {
        value += ch;
      }
    }
  }
  endWord(text.length);
  endCommand();
  return commands;
}

const WRAPPERS = new Set(['sudo', 'exec', 'env', 'time', 'nice', 'nohup', 'command']);

/** Index of the program word, past `NAME=value` prefixes and wrappers such as `sudo` or `exec`. */
export function programIndex(words: readonly ShellWord[]): number {
  let i = 0;
  while (i < words.length) {
    const value = words[i]?.value ?? '';
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(value) || WRAPPERS.has(value)) i++;
    else break;
  }
  return i;
}
