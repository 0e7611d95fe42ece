import { loadLintEngine, type LintEngine } from '../../rules/load-engine.js';
import type { DocumentKind, ProjectFinding, ProjectFiles } from '../../rules/types.js';

/**
 * The live part of the checklist: reads the four text areas, runs the rules engine on every
 * change (once per animation frame at most), and marks each item pass, fail or not checked
 * with its findings. The engine is imported on first input, so the page costs nothing until
 * someone pastes a file. Pasted files are kept in localStorage so a reload loses nothing.
 */

const STORAGE_KEY = 'shipshape:checklist';
const STORAGE_VERSION = 1;
const FILE_FIELDS: Record<DocumentKind, keyof ProjectFiles> = {
  dockerfile: 'dockerfile',
  dockerignore: 'dockerignore',
  compose: 'compose',
  kubernetes: 'k8s',
};

type Saved = { version: number; files: Partial<Record<DocumentKind, string>> };

function readSaved(): Saved['files'] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved && saved.version === STORAGE_VERSION && typeof saved.files === 'object' && saved.files) {
      return Object.fromEntries(Object.entries(saved.files).filter(([, text]) => typeof text === 'string'));
    }
  } catch {
    // An unreadable value is simply not restored; it is overwritten on the next edit.
  }
  return {};
}

class ChecklistElement extends HTMLElement {
  #frame = 0;
  /** Counts validations, so that one overtaken while its engine loads does not render stale results. */
  #generation = 0;

  connectedCallback(): void {
    const saved = readSaved();
    for (const area of this.#areas()) {
      const kind = area.dataset.kind as DocumentKind;
      if (saved[kind]) area.value = saved[kind];
      area.addEventListener('input', () => this.#schedule());
    }
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-upload]')) {
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        const area = this.querySelector<HTMLTextAreaElement>(`textarea[data-kind="${input.dataset.upload}"]`);
        if (!file || !area) return;
        area.value = file.size > 1024 * 1024 ? '' : await file.text();
        if (file.size > 1024 * 1024) this.#summary(`${file.name} is larger than 1 MB; paste the relevant part instead.`);
        this.#schedule();
      });
    }
    if (Object.keys(saved).length > 0) this.#schedule();
  }

  #areas(): HTMLTextAreaElement[] {
    return [...this.querySelectorAll<HTMLTextAreaElement>('textarea[data-kind]')];
  }

  #summary(text: string): void {
    const summary = this.querySelector('[data-summary]');
    if (summary) summary.textContent = text;
  }

  #schedule(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => void this.#validate());
  }

  async #validate(): Promise<void> {
    const files: ProjectFiles = {};
    const present = new Set<DocumentKind>();
    const toSave: Saved['files'] = {};
    for (const area of this.#areas()) {
      const kind = area.dataset.kind as DocumentKind;
      toSave[kind] = area.value;
      if (area.value.trim() === '') continue;
      files[FILE_FIELDS[kind]] = area.value;
      present.add(kind);
    }
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, files: toSave }));
    } catch {
      // Storage full or disabled: checking still works, it just won't survive a reload.
    }
    const generation = ++this.#generation;
    // The YAML parser is fetched only once a compose file or manifest is pasted.
    let engine: LintEngine | undefined;
    try {
      engine = present.size > 0 ? await loadLintEngine(present) : undefined;
    } catch {
      if (generation === this.#generation) this.#summary('The rules could not be loaded (are you offline?). Edit a file to try again.');
      return;
    }
    if (generation !== this.#generation) return;
    const started = performance.now();
    const findings = engine ? engine.lintProject(files) : [];
    this.#render(present, findings);
    // Exposed for the benchmark (scripts/bench.mjs): the work one keystroke costs.
    this.dataset.validateMs = (performance.now() - started).toFixed(2);
    this.dataset.validated = String(Number(this.dataset.validated ?? 0) + 1);
  }

  #render(present: Set<DocumentKind>, findings: ProjectFinding[]): void {
    const byRule = new Map<string, ProjectFinding[]>();
    for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
    let pass = 0;
    let fail = 0;
    let warn = 0;
    for (const item of this.querySelectorAll<HTMLLIElement>('li[data-rule]')) {
      const kind = item.dataset.kind as DocumentKind;
      const ruleFindings = byRule.get(item.dataset.rule!) ?? [];
      // A rule can report on a file that is absent (DI001: no .dockerignore for a Dockerfile).
      const checked = present.has(kind) || ruleFindings.length > 0;
      const state = !checked ? 'unchecked' : ruleFindings.length === 0 ? 'pass' : ruleFindings.some((f) => f.severity === 'error') ? 'fail' : 'warn';
      item.dataset.state = state;
      item.querySelector('[data-state-label]')!.textContent = { unchecked: 'not checked', pass: 'pass', fail: 'fail', warn: 'warning' }[state];
      const list = item.querySelector('[data-findings]')!;
      list.replaceChildren(
        ...ruleFindings.map((finding) => {
          const li = document.createElement('li');
          li.textContent = `${labelFor(finding.document)} line ${finding.line}: ${finding.message}`;
          return li;
        }),
      );
      if (state === 'pass') pass += 1;
      if (state === 'fail') fail += 1;
      if (state === 'warn') warn += 1;
    }
    this.#summary(
      present.size === 0
        ? 'Paste or upload your files to check them. Nothing leaves your browser.'
        : `${pass} passed, ${fail} failed, ${warn} with warnings.`,
    );
  }
}

function labelFor(kind: DocumentKind): string {
  return { dockerfile: 'Dockerfile', dockerignore: '.dockerignore', compose: 'compose', kubernetes: 'manifest' }[kind];
}

export function defineChecklist(): void {
  if (!customElements.get('shipshape-checklist')) customElements.define('shipshape-checklist', ChecklistElement);
}
