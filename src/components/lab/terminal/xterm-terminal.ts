/**
 * The lab's terminal, loaded on demand (LabTerminal imports this module dynamically, so xterm
 * is a chunk of its own). Output only: the learner acts through the buttons, so stdin is off.
 * xterm's default DOM renderer is kept, so the text is in the page.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { OutputFeed } from '../../../labs/ui/output-feed.js';
import type { OutputLine } from '../../../labs/ui/terminal-lines.js';

/**
 * ANSI styles per kind. Annotations (what the harness did) are grey italics and errors
 * yellow, apart from the app's own output; stderr is red.
 */
const STYLE: Record<OutputLine['kind'], [string, string]> = {
  stdout: ['', ''],
  stderr: ['\x1b[31m', '\x1b[39m'],
  note: ['\x1b[3;90m', '\x1b[23;39m'],
  error: ['\x1b[33mharness: ', '\x1b[39m'],
};

function format(line: OutputLine): string {
  const [open, close] = STYLE[line.kind];
  return `${open}${line.text}${close}`;
}

/**
 * The terminal's colours from Starlight's variables, resolved by the browser, so they follow
 * the light and dark themes with the contrast Starlight's palette is built for.
 */
function pageTheme(host: HTMLElement): ITheme {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.append(probe);
  const resolve = (variable: string) => {
    probe.style.color = `var(${variable})`;
    return getComputedStyle(probe).color;
  };
  const text = resolve('--sl-color-white');
  const theme: ITheme = {
    background: resolve('--sl-color-gray-6'),
    foreground: text,
    cursor: text,
    selectionBackground: resolve('--sl-color-accent-low'),
    selectionForeground: text,
    black: resolve('--sl-color-gray-6'),
    white: text,
    brightWhite: text,
    brightBlack: resolve('--sl-color-gray-2'),
    red: resolve('--sl-color-red-high'),
    brightRed: resolve('--sl-color-red-high'),
    green: resolve('--sl-color-green-high'),
    brightGreen: resolve('--sl-color-green-high'),
    yellow: resolve('--sl-color-orange-high'),
    brightYellow: resolve('--sl-color-orange-high'),
    blue: resolve('--sl-color-blue-high'),
    brightBlue: resolve('--sl-color-blue-high'),
    magenta: resolve('--sl-color-purple-high'),
    brightMagenta: resolve('--sl-color-purple-high'),
    cyan: resolve('--sl-color-accent-high'),
    brightCyan: resolve('--sl-color-accent-high'),
  };
  probe.remove();
  return theme;
}

/** Opens a terminal in `host` that shows the feed's lines (past and future); returns its cleanup. */
export function openTerminal(host: HTMLElement, feed: OutputFeed): () => void {
  const terminal = new Terminal({
    disableStdin: true,
    convertEol: true,
    scrollback: 5_000,
    fontSize: 13,
    fontFamily: getComputedStyle(host).fontFamily,
    cursorInactiveStyle: 'none',
    theme: pageTheme(host),
  });
  // Tab leaves the terminal, as it leaves every other control on the page.
  terminal.attachCustomKeyEventHandler((event) => event.key !== 'Tab');
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  fit.fit();

  for (const line of feed.all()) terminal.writeln(format(line));
  const unsubscribe = feed.subscribe((line) => terminal.writeln(format(line)));

  let frame = 0;
  const resize = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => fit.fit());
  });
  resize.observe(host);
  const themeChange = new MutationObserver(() => {
    terminal.options.theme = pageTheme(host);
  });
  themeChange.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  return () => {
    cancelAnimationFrame(frame);
    resize.disconnect();
    themeChange.disconnect();
    unsubscribe();
    terminal.dispose();
  };
}
