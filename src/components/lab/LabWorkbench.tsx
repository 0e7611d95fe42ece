import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { DEFAULT_SCENARIO_PLAN } from '../../../labs/harness/protocol.mjs';
import type { LabBundle } from '../../labs/bundle.js';
import type { LabRuntime, RuntimeConfig } from '../../labs/runtime/types.js';
import { browserStore } from '../../labs/ui/browser-store.js';
import { documentKindOf } from '../../labs/ui/document-kind.js';
import { fetchLabBundle, fetchRuntimeConfig } from '../../labs/ui/fetch-lab.js';
import { evaluateLabChecks, type ScenarioOutcome } from '../../labs/ui/lab-checks.js';
import { lintLabFiles } from '../../labs/ui/lab-lint.js';
import { loadLintEngine } from '../../rules/load-engine.js';
import { OutputFeed } from '../../labs/ui/output-feed.js';
import { markLabDone, readProgress } from '../../labs/ui/progress.js';
import { INITIAL_RUN_STATE, availableControls, reduceRun, stopCommand } from '../../labs/ui/run-state.js';
import { runScenario, settle } from '../../labs/ui/scenario-run.js';
import { SAVED_WORK_NOT_SAVED_NOTICE, restoreWork, saveWork } from '../../labs/ui/storage.js';
import { outputLineFor } from '../../labs/ui/terminal-lines.js';
import ChecksPanel, { type ChecksState } from './ChecksPanel.js';
import ConfirmDialog from './ConfirmDialog.js';
import DrainTimeline from './DrainTimeline.js';
import LabEditor from './LabEditor.js';
import LabTerminal from './LabTerminal.js';
import RequestCounters from './RequestCounters.js';
import RuntimeStatus from './RuntimeStatus.js';
import { useAutosave } from './use-autosave.js';
import { useLabFindings } from './use-lab-findings.js';
import { useLabRuntime } from './use-lab-runtime.js';
import './lab.css';

type StageDiagramComponent = typeof import('./StageDiagram.js').default;

/**
 * StageDiagram is a chunk of its own, fetched the first time it is needed: only labs with an
 * editable Dockerfile draw its stages, and the others never load the parser for it. Until the
 * chunk arrives, and if it cannot be fetched, the workbench goes without the diagram.
 */
function useStageDiagram(needed: boolean): StageDiagramComponent | null {
  const [component, setComponent] = useState<StageDiagramComponent | null>(null);
  useEffect(() => {
    if (!needed || component !== null) return;
    let cancelled = false;
    import('./StageDiagram.js').then(
      // A function as the new state has to be returned by an updater.
      (module) => !cancelled && setComponent(() => module.default),
      (error: unknown) => console.error('The build-stage diagram could not be loaded:', error),
    );
    return () => {
      cancelled = true;
    };
  }, [needed, component]);
  return component;
}

/** "Send load" runs this long: long enough to send SIGTERM while it runs. */
const LOAD_DURATION_MS = 10_000;

type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; reason: string }
  | { status: 'loaded'; bundle: LabBundle; config: RuntimeConfig };

/**
 * The lab workspace: the root island of a lab page (`client:only="preact"`). It loads the lab's
 * bundle and the runtime configuration, then hands over to the workbench. `not-content` keeps
 * Starlight's Markdown spacing away from the editor's and the terminal's lines.
 */
export default function LabWorkbench({ slug }: { slug: string }) {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoad({ status: 'loading' });
    Promise.all([fetchLabBundle(slug), fetchRuntimeConfig()]).then(
      ([bundle, config]) => !cancelled && setLoad({ status: 'loaded', bundle, config }),
      (error: unknown) => !cancelled && setLoad({ status: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [slug, attempt]);

  if (load.status === 'loading') {
    return (
      <div className="lab-workbench not-content">
        <p role="status" className="lab-placeholder">
          Loading the lab…
        </p>
      </div>
    );
  }
  if (load.status === 'failed') {
    return (
      <div className="lab-workbench not-content">
        <div role="alert" className="lab-error">
          <p>The lab could not be loaded: {load.reason}. Check your connection, then try again.</p>
        </div>
        <button type="button" className="lab-button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  return <Workbench slug={slug} bundle={load.bundle} config={load.config} />;
}

function Workbench({ slug, bundle, config }: { slug: string; bundle: LabBundle; config: RuntimeConfig }) {
  const { manifest } = bundle;
  const labHasApp = manifest.app !== undefined;
  const editable = useMemo(() => new Set(manifest.files.editable), [manifest]);
  const paths = useMemo(() => [...manifest.files.editable, ...manifest.files.readOnly], [manifest]);
  const editableDockerfile = manifest.files.editable.find((path) => documentKindOf(path, '') === 'dockerfile');
  const store = useMemo(browserStore, []);

  const [initial] = useState(() => ({
    work: restoreWork(store, slug, bundle.starter, manifest.files.editable),
    progress: readProgress(store),
  }));
  const [files, setFiles] = useState(initial.work.files);
  const [revision, setRevision] = useState(0);
  const [active, setActive] = useState(paths[0] ?? '');
  const [notices, setNotices] = useState<string[]>(() =>
    [initial.work.notice, initial.progress.notice].filter((notice): notice is string => notice !== null),
  );
  const [completedAt, setCompletedAt] = useState(initial.progress.progress.labs[slug]?.at ?? null);
  const [run, dispatch] = useReducer(reduceRun, INITIAL_RUN_STATE);
  const [checks, setChecks] = useState<ChecksState>({ status: 'idle' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'reset' | 'solution' | null>(null);
  const feed = useMemo(() => new OutputFeed(), []);
  const checksSection = useRef<HTMLHeadingElement>(null);

  // Async actions read the latest files and run state through these refs.
  const filesRef = useRef(files);
  filesRef.current = files;
  const runRef = useRef(run);
  runRef.current = run;

  const addNotice = useCallback((notice: string) => setNotices((list) => (list.includes(notice) ? list : [...list, notice])), []);

  /** What the rules engine reads: null when no editable file is one the rules read. */
  const lint = useMemo(() => {
    const kindOf = (path: string) => documentKindOf(path, bundle.starter[path] ?? '');
    if (!manifest.files.editable.some((path) => kindOf(path) !== null)) return null;
    const kinds = new Set(paths.map(kindOf).filter((kind) => kind !== null));
    return { editable: manifest.files.editable, kinds };
  }, [manifest, paths, bundle]);
  const { findings, error: lintError } = useLabFindings(files, lint);

  useAutosave(files, initial.work.files, () => {
    if (store !== null && !saveWork(store, slug, filesRef.current, manifest.files.editable)) addNotice(SAVED_WORK_NOT_SAVED_NOTICE);
  });

  const { view: runtimeView, chooseServer, reconnect } = useLabRuntime({
    slug,
    bundle,
    config,
    currentFiles: () => filesRef.current,
    onEvent: (event) => {
      dispatch({ type: 'event', event });
      const line = outputLineFor(event);
      if (line) feed.append(line);
    },
    onClose: (reason) => {
      dispatch({ type: 'runtime-closed' });
      feed.append({ kind: 'note', text: `→ the lab runtime stopped: ${reason}` });
    },
  });

  const runtime = runtimeView.status === 'ready' ? runtimeView.runtime : null;
  const controls = availableControls(run, { runtimeReady: runtime !== null, labHasApp, busy });

  const writeEditableFiles = async (target: LabRuntime) => {
    const current = filesRef.current;
    for (const path of manifest.files.editable) await target.writeFile(path, current[path] ?? '');
  };

  /** Runs a button's action against the runtime; a failure is shown in words beside the buttons. */
  const act = (what: string, action: (target: LabRuntime) => Promise<void>) => async () => {
    if (!runtime) return;
    setBusy(true);
    setActionError(null);
    try {
      await action(runtime);
    } catch (error) {
      setActionError(`${what} failed: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      setBusy(false);
    }
  };

  const startApp = act('Starting the app', async (target) => {
    await writeEditableFiles(target);
    await target.send({ type: 'start' });
  });
  const sendLoad = act('Sending load', (target) => {
    const plan = manifest.scenario ?? DEFAULT_SCENARIO_PLAN;
    return target.send({ type: 'load', users: plan.users, durationMs: LOAD_DURATION_MS, path: plan.path, keepAlive: plan.keepAlive });
  });
  const sendSigterm = act('Sending SIGTERM', (target) => target.send({ type: 'sigterm' }));
  const stopApp = act('Stopping the app', (target) => target.send(stopCommand(runRef.current)));

  const runChecks = async () => {
    setBusy(true);
    setActionError(null);
    setChecks({ status: 'running' });
    const current = filesRef.current;
    let scenario: ScenarioOutcome = { kind: 'not-run' };
    if (runtime && manifest.scenario) {
      try {
        await writeEditableFiles(runtime);
        await settle(runtime, { appAlive: runRef.current.app !== 'stopped', loadRunning: runRef.current.loadRunning });
        dispatch({ type: 'scenario-sent' });
        scenario = { kind: 'result', result: await runScenario(runtime, manifest.scenario) };
      } catch (error) {
        scenario = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      } finally {
        dispatch({ type: 'scenario-ended' });
      }
    }
    let ruleFindings: Parameters<typeof evaluateLabChecks>[2] = [];
    if (lint !== null) {
      try {
        ruleFindings = Object.values(lintLabFiles(await loadLintEngine(lint.kinds), current, lint.editable)).flat();
      } catch (error) {
        setActionError(`The rules could not be loaded (${error instanceof Error ? error.message : String(error)}), so file checks cannot pass. Reload the page to try again.`);
        setChecks({ status: 'idle' });
        setBusy(false);
        return;
      }
    }
    const result = evaluateLabChecks(manifest, scenario, ruleFindings);
    setChecks({ status: 'done', run: result });
    if (result.passed) setCompletedAt(markLabDone(slug, store).labs[slug]?.at ?? null);
    setBusy(false);
    checksSection.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  };

  const replaceFiles = (next: Record<string, string>) => {
    setFiles(next);
    setRevision((n) => n + 1);
    setChecks({ status: 'idle' });
    setDialog(null);
  };

  const StageDiagram = useStageDiagram(editableDockerfile !== undefined && files[editableDockerfile] !== undefined);

  const onEdit = useCallback((path: string, text: string) => setFiles((previous) => ({ ...previous, [path]: text })), []);

  return (
    <div className="lab-workbench not-content">
      <RuntimeStatus view={runtimeView} onUseServer={chooseServer} onReconnect={reconnect} />

      {(notices.length > 0 || lintError) && (
        <ul className="lab-notices" aria-label="Notices">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
          {lintError && <li>The rule findings could not be loaded ({lintError}). Reload the page to try again.</li>}
        </ul>
      )}

      <LabEditor
        files={files}
        paths={paths}
        editable={editable}
        revision={revision}
        active={active}
        onSelect={setActive}
        onChange={onEdit}
        findings={findings}
      />

      {StageDiagram && editableDockerfile && files[editableDockerfile] !== undefined && (
        <StageDiagram dockerfile={files[editableDockerfile]} />
      )}

      <div className="lab-toolbar">
        {labHasApp && (
          <div role="group" aria-label="App controls" className="lab-button-group">
            <button type="button" className="lab-button lab-button-primary" disabled={!controls.start} onClick={startApp}>
              Start app
            </button>
            <button type="button" className="lab-button" disabled={!controls.load} onClick={sendLoad}>
              Send load
            </button>
            <button type="button" className="lab-button" disabled={!controls.sigterm} onClick={sendSigterm}>
              Send SIGTERM
            </button>
            <button type="button" className="lab-button" disabled={!controls.stop} onClick={stopApp}>
              Stop app
            </button>
          </div>
        )}
        <div role="group" aria-label="Lab controls" className="lab-button-group">
          <button type="button" className="lab-button lab-button-primary" disabled={!controls.runChecks} onClick={runChecks}>
            Run checks
          </button>
          <button type="button" className="lab-button" disabled={!controls.resetLab} onClick={() => setDialog('reset')}>
            Reset lab
          </button>
          <button type="button" className="lab-button" disabled={!controls.showSolution} onClick={() => setDialog('solution')}>
            Show solution
          </button>
        </div>
      </div>
      {actionError && (
        <p role="alert" className="lab-error">
          {actionError}
        </p>
      )}

      {labHasApp && <LabTerminal feed={feed} />}

      {labHasApp && (
        <div className="lab-observe">
          <RequestCounters counters={run.counters} />
          <DrainTimeline timeline={run.timeline} />
        </div>
      )}

      <ChecksPanel state={checks} completedAt={completedAt} headingRef={checksSection} />

      <ConfirmDialog
        open={dialog === 'reset'}
        title="Reset this lab?"
        body="This puts back the starter files and discards your changes to them."
        confirmLabel="Discard my changes"
        onConfirm={() => replaceFiles({ ...bundle.starter })}
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === 'solution'}
        title="Show the solution?"
        body="This replaces your files with the solution's. Your changes to them are discarded."
        confirmLabel="Replace my files"
        onConfirm={() => replaceFiles({ ...bundle.starter, ...bundle.solution })}
        onCancel={() => setDialog(null)}
      />
    </div>
  );
}
