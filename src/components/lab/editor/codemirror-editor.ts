/**
 * The lab's CodeMirror editor, loaded on demand (LabEditor imports this module dynamically, so
 * CodeMirror is a chunk of its own). One view; one EditorState per file, so each file keeps
 * its own undo history and diagnostics across tab switches. Rule findings arrive from outside
 * (the workbench lints every file together) and are shown as lint diagnostics.
 *
 * Tab is not bound: it moves focus out of the editor as everywhere else on the page, so the
 * editor is never a keyboard trap. Enter keeps the indentation.
 */
import { minimalSetup } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { HighlightStyle, StreamLanguage, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import type { Finding } from '../../../rules/index.js';
import { documentKindOf } from '../../../labs/ui/document-kind.js';

export interface EditorOptions {
  files: Readonly<Record<string, string>>;
  editable: ReadonlySet<string>;
  active: string;
  onChange(path: string, text: string): void;
}

export interface EditorController {
  show(path: string): void;
  /** Replaces every file's text and history (Reset lab, Show solution). */
  replaceFiles(files: Readonly<Record<string, string>>): Promise<void>;
  /** Shows findings computed from `text`; ignored if the file has changed since. */
  setFindings(path: string, text: string, findings: readonly Finding[]): void;
  /** Moves the cursor to a 1-based line and column of the shown file and focuses the editor. */
  reveal(line: number, column: number): void;
  destroy(): void;
}

/** Colours from Starlight's variables, so the editor follows the site's light and dark themes. */
const theme = EditorView.theme({
  '&': {
    color: 'var(--sl-color-text)',
    backgroundColor: 'var(--sl-color-black)',
    fontSize: 'var(--sl-text-code)',
    height: '100%',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-accent)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--sl-color-white)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--sl-color-accent-low)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--sl-color-gray-6)' },
  '.cm-gutters': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-gray-2)',
    borderRight: '1px solid var(--sl-color-hairline-light)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sl-color-gray-5)', color: 'var(--sl-color-white)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-white)',
    border: '1px solid var(--sl-color-gray-3)',
  },
  '.cm-diagnostic': { fontFamily: 'var(--__sl-font, sans-serif)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--sl-color-red)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--sl-color-orange)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--sl-color-blue)' },
  '.cm-diagnosticAction': { backgroundColor: 'var(--sl-color-accent-high)', color: 'var(--sl-color-black)' },
  '.cm-panels': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-white)' },
});

/** The "-high" variants keep text contrast in both themes. */
const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--sl-color-purple-high)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--sl-color-green-high)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--sl-color-orange-high)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--sl-color-gray-2)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.variableName)], color: 'var(--sl-color-blue-high)' },
  { tag: [tags.propertyName, tags.attributeName], color: 'var(--sl-color-red-high)' },
  { tag: [tags.typeName, tags.className, tags.special(tags.variableName)], color: 'var(--sl-color-orange-high)' },
  { tag: tags.invalid, textDecoration: 'underline wavy' },
]);

/**
 * Syntax modes by file, each a chunk of its own so a lab loads only the ones it shows. The
 * legacy stream modes highlight as well as the Lezer grammars for reading and editing small
 * files, at a fraction of the size (@codemirror/lang-javascript alone is about 45 kB gzip),
 * which keeps a lab page within its JavaScript budget.
 */
async function languageFor(path: string, text: string): Promise<Extension> {
  const script = /\.(?:([cm]?js)|([cm]?ts)|(json))$/.exec(path);
  if (script) {
    const modes = await import('@codemirror/legacy-modes/mode/javascript');
    const mode = script[1] ? modes.javascript : script[2] ? modes.typescript : modes.json;
    // The mode names object keys "property", which Lezer's tags call propertyName.
    return StreamLanguage.define({ ...mode, tokenTable: { property: tags.propertyName } });
  }
  if (documentKindOf(path, text) === 'dockerfile') {
    return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/dockerfile')).dockerFile);
  }
  if (/\.ya?ml$/i.test(path)) return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/yaml')).yaml);
  return [];
}

const SEVERITY: Record<Finding['severity'], Diagnostic['severity']> = { error: 'error', warning: 'warning', info: 'info' };

/** A 1-based line and column as a document offset, clamped into the document. */
function offsetOf(state: EditorState, line: number, column: number): number {
  const { doc } = state;
  const lineInfo = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(lineInfo.from + Math.max(column - 1, 0), lineInfo.to);
}

function diagnosticsFor(state: EditorState, findings: readonly Finding[], canFix: boolean): Diagnostic[] {
  return findings.map((finding) => {
    const from = offsetOf(state, finding.line, finding.column);
    const to = Math.max(from, offsetOf(state, finding.endLine, finding.endColumn));
    const diagnostic: Diagnostic = { from, to, severity: SEVERITY[finding.severity], source: finding.ruleId, message: `${finding.ruleId}: ${finding.message}` };
    const { fix } = finding;
    if (fix && canFix) {
      const text = state.doc.toString();
      const changes = { from: offsetOf(state, fix.line, fix.column), to: offsetOf(state, fix.endLine, fix.endColumn), insert: fix.text };
      diagnostic.actions = [
        {
          name: 'Apply fix',
          // The fix's offsets hold for the text it was computed from only.
          apply: (view) => {
            if (view.state.doc.toString() === text) view.dispatch({ changes });
          },
        },
      ];
    }
    return diagnostic;
  });
}

export async function createEditor(parent: HTMLElement, options: EditorOptions): Promise<EditorController> {
  let current = options.active;
  const states = new Map<string, EditorState>();

  const stateFor = async (path: string, text: string): Promise<EditorState> => {
    const readOnly = !options.editable.has(path);
    return EditorState.create({
      doc: text,
      extensions: [
        minimalSetup,
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        bracketMatching(),
        syntaxHighlighting(highlightStyle),
        theme,
        lintGutter(),
        keymap.of(lintKeymap),
        await languageFor(path, text),
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({
          // In the tab order explicitly, so the scrolling editor is reachable from the keyboard
          // (axe's scrollable-region-focusable does not count contenteditable alone).
          tabindex: '0',
          'aria-label': `${path}${readOnly ? ' (read-only)' : ''}`,
          ...(readOnly ? { 'aria-readonly': 'true' } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(path, update.state.doc.toString());
        }),
      ],
    });
  };

  const loadStates = async (files: Readonly<Record<string, string>>) => {
    const entries = await Promise.all(Object.entries(files).map(async ([path, text]) => [path, await stateFor(path, text)] as const));
    states.clear();
    for (const [path, state] of entries) states.set(path, state);
  };

  await loadStates(options.files);
  const view = new EditorView({ parent, state: states.get(current) ?? EditorState.create() });

  return {
    show(path) {
      const next = states.get(path);
      if (!next || path === current) return;
      states.set(current, view.state);
      current = path;
      view.setState(next);
    },
    async replaceFiles(files) {
      await loadStates(files);
      view.setState(states.get(current) ?? EditorState.create());
    },
    setFindings(path, text, findings) {
      const state = path === current ? view.state : states.get(path);
      if (!state || state.doc.toString() !== text) return;
      const spec = setDiagnostics(state, diagnosticsFor(state, findings, options.editable.has(path)));
      if (path === current) view.dispatch(spec);
      else states.set(path, state.update(spec).state);
    },
    reveal(line, column) {
      const anchor = offsetOf(view.state, line, column);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
