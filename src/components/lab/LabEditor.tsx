import { useEffect, useRef, useState } from 'preact/hooks';
import { docsUrl } from '../../rules/docs.js';
import type { Finding } from '../../rules/index.js';
import type { EditorController } from './editor/codemirror-editor.js';

export interface FileFindings {
  /** The text the findings were computed from. */
  text: string;
  findings: Finding[];
}

interface LabEditorProps {
  files: Readonly<Record<string, string>>;
  /** Tab order: editable files first, then read-only ones. */
  paths: readonly string[];
  editable: ReadonlySet<string>;
  /** Changes when the files are replaced from outside (Reset lab, Show solution). */
  revision: number;
  active: string;
  onSelect(path: string): void;
  onChange(path: string, text: string): void;
  findings: Readonly<Record<string, FileFindings>>;
}

/**
 * File tabs and the code editor. The tabs follow the WAI-ARIA tabs pattern (arrow keys move
 * between them); CodeMirror arrives as a separate chunk after the tabs are on screen.
 */
export default function LabEditor({ files, paths, editable, revision, active, onSelect, onChange, findings }: LabEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorController | null>(null);
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  // The editor is created once; later renders reach the latest values through these refs.
  const latest = useRef({ files, active, onChange, findings });
  latest.current = { files, active, onChange, findings };

  useEffect(() => {
    let cancelled = false;
    let created: EditorController | null = null;
    import('./editor/codemirror-editor.js')
      .then(({ createEditor }) => {
        if (cancelled || !host.current) return;
        const { files: initial, active: shown } = latest.current;
        return createEditor(host.current, {
          files: initial,
          editable,
          active: shown,
          onChange: (path, text) => latest.current.onChange(path, text),
        }).then((controller) => {
          created = controller;
          if (cancelled) return controller.destroy();
          editor.current = controller;
          setReady(true);
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      created?.destroy();
      editor.current = null;
    };
  }, [editable]);

  const showFindings = () => {
    for (const [path, { text, findings: list }] of Object.entries(latest.current.findings)) {
      editor.current?.setFindings(path, text, list);
    }
  };

  const shownRevision = useRef(revision);
  useEffect(() => {
    if (!ready || shownRevision.current === revision) return;
    shownRevision.current = revision;
    void editor.current?.replaceFiles(latest.current.files).then(showFindings);
  }, [ready, revision]);

  useEffect(() => {
    if (ready) editor.current?.show(active);
  }, [ready, active]);

  useEffect(() => {
    if (ready) showFindings();
  }, [ready, findings]);

  const onTabKey = (event: KeyboardEvent) => {
    const index = paths.indexOf(active);
    const target =
      event.key === 'ArrowRight' ? paths[(index + 1) % paths.length]
      : event.key === 'ArrowLeft' ? paths[(index - 1 + paths.length) % paths.length]
      : event.key === 'Home' ? paths[0]
      : event.key === 'End' ? paths.at(-1)
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    onSelect(target);
    tabs.current.get(target)?.focus();
  };

  // The list may be a frame behind the text while the rules rerun; hiding it meanwhile would
  // make it flicker on every keystroke. Inline marks wait for findings of the current text.
  const activeFindings = findings[active]?.findings ?? [];
  const panelId = 'lab-editor-panel';

  return (
    <section className="lab-editor" aria-label="Files">
      <div role="tablist" aria-label="Lab files" className="lab-tabs">
        {paths.map((path) => {
          const selected = path === active;
          const readOnly = !editable.has(path);
          const count = findings[path]?.findings.length ?? 0;
          return (
            <button
              key={path}
              ref={(element) => {
                if (element) tabs.current.set(path, element);
                else tabs.current.delete(path);
              }}
              type="button"
              role="tab"
              id={`lab-tab-${path}`}
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              className="lab-tab"
              onClick={() => onSelect(path)}
              onKeyDown={onTabKey}
            >
              <span>{path}</span>
              {readOnly && <span className="lab-tab-badge">read-only</span>}
              {count > 0 && <span className="lab-tab-badge lab-tab-findings">{count === 1 ? '1 finding' : `${count} findings`}</span>}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={`lab-tab-${active}`} className="lab-editor-panel">
        {!editable.has(active) && <p className="lab-editor-note">This file is read-only in this lab.</p>}
        <div ref={host} className="lab-editor-host" />
        {!ready && !loadError && <p className="lab-placeholder">Loading the editor…</p>}
        {loadError && (
          <p className="lab-error" role="alert">
            The editor could not be loaded ({loadError}). Reload the page to try again; your saved work is kept.
          </p>
        )}
      </div>
      {activeFindings.length > 0 && (
        <details className="lab-findings" open>
          <summary>
            Rule findings in {active} ({activeFindings.length})
          </summary>
          <ul>
            {activeFindings.map((finding, index) => (
              <li key={`${finding.ruleId}-${finding.line}-${finding.column}-${index}`}>
                <button type="button" className="lab-link-button" onClick={() => editor.current?.reveal(finding.line, finding.column)}>
                  Line {finding.line}
                </button>{' '}
                <a href={docsUrl(finding.ruleId)}>{finding.ruleId}</a> ({finding.severity}): {finding.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="lab-editor-help">
        Tab moves on to the next control, so indent with spaces. Ctrl+Shift+M (⌘+Shift+M) lists the findings; F8 jumps to the next one.
      </p>
    </section>
  );
}
