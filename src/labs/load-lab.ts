/**
 * Loads lab folders from disk (Node only) and enforces the rules that need the files:
 * every starter file listed, the instructions present, and a solution that really
 * changes something (a solution file identical to its starter file is an error, as in
 * learn.svelte.dev).
 *
 *   labs/<slug>/lab.json      the manifest (manifest.ts)
 *   labs/<slug>/README.md     instructions (or the manifest's `instructions`)
 *   labs/<slug>/starter/...   every file the learner sees
 *   labs/<slug>/solution/...  the editable files that differ in the solution
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LabManifestError, validateManifest } from './manifest.js';
import type { LabManifest, ManifestIssue } from './manifest.js';

export const MANIFEST_FILE = 'lab.json';
/** Folders under labs/ that are not labs. */
const NOT_LABS = new Set(['harness']);

/** File contents keyed by their path relative to starter/ or solution/, with "/" separators. */
export type LabFiles = Record<string, string>;

export interface LoadedLab {
  dir: string;
  manifest: LabManifest;
  instructions: string;
  starter: LabFiles;
  solution: LabFiles;
}

/**
 * Reads and validates one lab folder.
 * @throws {LabManifestError} naming the lab and every problem found
 */
export async function loadLab(dir: string): Promise<LoadedLab> {
  const labName = path.basename(dir);
  const manifest = validateManifest(await readManifestJson(dir, labName), labName);
  const issues: ManifestIssue[] = [];

  if (manifest.slug !== labName) issues.push({ path: 'slug', message: `Must equal the folder name "${labName}"` });

  const instructionsPath = path.join(dir, manifest.instructions);
  const instructions = await readFile(instructionsPath, 'utf8').catch(() => {
    issues.push({ path: 'instructions', message: `${manifest.instructions} does not exist in the lab folder` });
    return '';
  });

  const starter = await readFileTree(path.join(dir, 'starter'), 'starter', issues);
  const solution = await readFileTree(path.join(dir, 'solution'), 'solution', issues);
  const { editable, readOnly } = manifest.files;

  for (const file of [...editable, ...readOnly]) {
    if (!(file in starter)) issues.push({ path: 'files', message: `"${file}" is listed but starter/${file} does not exist` });
  }
  for (const file of Object.keys(starter)) {
    if (!editable.includes(file) && !readOnly.includes(file)) {
      issues.push({ path: 'files', message: `starter/${file} is not listed in files.editable or files.readOnly` });
    }
  }
  if (Object.keys(solution).length === 0) {
    issues.push({ path: 'solution/', message: 'The solution has no files' });
  }
  for (const [file, content] of Object.entries(solution)) {
    if (!editable.includes(file)) {
      issues.push({ path: `solution/${file}`, message: 'Is not one of files.editable' });
    } else if (starter[file] === content) {
      issues.push({ path: `solution/${file}`, message: `Is identical to starter/${file}; leave it out or change it` });
    }
  }

  if (issues.length > 0) throw new LabManifestError(labName, issues);
  return { dir, manifest, instructions, starter, solution };
}

/** Reads and validates a lab's manifest (and its files, to enforce the rules above). */
export async function loadLabManifest(dir: string): Promise<LabManifest> {
  return (await loadLab(dir)).manifest;
}

/**
 * Loads every lab under `labsDir` (all folders but the harness), in course order.
 * @throws {AggregateError} of every lab's LabManifestError, or one for clashing orders
 */
export async function loadLabs(labsDir: string): Promise<LoadedLab[]> {
  const entries = await readdir(labsDir, { withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isDirectory() && !NOT_LABS.has(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => path.join(labsDir, entry.name));
  const settled = await Promise.allSettled(dirs.map(loadLab));
  const errors = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  const labs = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));

  const byOrder = new Map<number, string>();
  for (const lab of labs) {
    const { order, slug } = lab.manifest;
    const other = byOrder.get(order);
    if (other) errors.push(new LabManifestError(slug, [{ path: 'order', message: `${order} is also the order of "${other}"` }]));
    byOrder.set(order, slug);
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, errors.map((error) => (error instanceof Error ? error.message : String(error))).join('\n'));
  }
  return labs.sort((a, b) => a.manifest.order - b.manifest.order);
}

/** The lab's files as the solution has them: the starter with the solution's files on top. */
export function applySolution(lab: LoadedLab): LabFiles {
  return { ...lab.starter, ...lab.solution };
}

async function readManifestJson(dir: string, labName: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new LabManifestError(labName, [{ path: MANIFEST_FILE, message: 'Missing: every lab folder needs one' }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LabManifestError(labName, [{ path: MANIFEST_FILE, message: `Is not valid JSON: ${reason}` }]);
  }
}

/**
 * Every regular file under `root`, keyed by its relative path with "/" separators.
 * Symbolic links and other special files are reported, not followed: lab files are
 * mounted into a sandbox and must stay inside the lab.
 */
async function readFileTree(root: string, label: string, issues: ManifestIssue[]): Promise<LabFiles> {
  const files: LabFiles = {};
  const visit = async (relative: string): Promise<void> => {
    const absolute = path.join(root, relative);
    const info = await lstat(absolute);
    if (info.isDirectory()) {
      const names = (await readdir(absolute)).sort();
      for (const name of names) await visit(relative ? `${relative}/${name}` : name);
    } else if (info.isFile()) {
      files[relative] = await readFile(absolute, 'utf8');
    } else {
      issues.push({ path: `${label}/${relative}`, message: 'Is not a regular file (links are not allowed)' });
    }
  };
  try {
    await visit('');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    issues.push({ path: `${label}/`, message: 'The folder is missing' });
  }
  return files;
}
