import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentKind } from '../rules/index.js';
import { UsageError } from './io.js';

export interface SourceFile {
  kind: DocumentKind;
  /** As shown to the user: relative to the working directory, with `/` separators. */
  path: string;
  absolute: string;
  text: string;
}

/** A directory's files that lint together: its Dockerfiles and the files they are linted alongside. */
export interface ProjectDirectory {
  directory: string;
  /** Files to report on: those named on the command line, or found in a directory named there. */
  files: SourceFile[];
  /** Every lintable file of the directory, reported on or not, for the rules that read two files. */
  neighbours: SourceFile[];
}

const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);
/** The files Compose merges into the main one by default. */
const COMPOSE_OVERRIDE_NAMES = new Set(['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml']);

/** Whether a compose file is an override, judged only on what it sets (see lintCompose). */
export function isComposeOverride(file: SourceFile): boolean {
  return COMPOSE_OVERRIDE_NAMES.has(path.basename(file.absolute));
}

export function isDockerfileName(name: string): boolean {
  if (name.endsWith('.dockerignore')) return false;
  return /^(?:Dockerfile|dockerfile)(?:\..+)?$/.test(name) || /.\.(?:Dockerfile|dockerfile)$/.test(name);
}

/** The kind of a file found while listing a directory; manifests are only linted when named. */
function kindInDirectory(name: string): DocumentKind | undefined {
  if (isDockerfileName(name)) return 'dockerfile';
  if (name === '.dockerignore' || name.endsWith('.dockerignore')) return 'dockerignore';
  if (COMPOSE_NAMES.has(name) || COMPOSE_OVERRIDE_NAMES.has(name)) return 'compose';
  return undefined;
}

/** The kind of a file named on the command line: as in a directory, or, for other YAML, from its content. */
function kindOf(file: string, text: string): DocumentKind | undefined {
  const name = path.basename(file);
  const byName = kindInDirectory(name);
  if (byName || !/\.ya?ml$/i.test(name)) return byName;
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  if (/^services\s*:/m.test(text)) return 'compose';
  return undefined;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

async function readSource(kind: DocumentKind, absolute: string, cwd: string): Promise<SourceFile> {
  try {
    const text = await readFile(absolute, 'utf8');
    return { kind, absolute, path: displayPath(absolute, cwd), text };
  } catch (error) {
    throw new UsageError(`cannot read ${displayPath(absolute, cwd)}: ${reason(error)}`);
  }
}

function displayPath(absolute: string, cwd: string): string {
  return (path.relative(cwd, absolute) || '.').split(path.sep).join('/');
}

/**
 * The lintable files directly in a directory (not its subdirectories). When the directory was
 * named on the command line, an unreadable file is an error; when it only holds the neighbours
 * of a named file, unreadable ones are skipped.
 */
async function listDirectory(directory: string, cwd: string, strict: boolean): Promise<SourceFile[]> {
  let names: string[];
  try {
    names = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    if (!strict) return [];
    throw new UsageError(`cannot read ${displayPath(directory, cwd)}: ${reason(error)}`);
  }
  const files: SourceFile[] = [];
  for (const name of names.sort()) {
    const kind = kindInDirectory(name);
    if (!kind) continue;
    try {
      files.push(await readSource(kind, path.join(directory, name), cwd));
    } catch (error) {
      if (strict) throw error;
    }
  }
  return files;
}

/**
 * Resolves the command line's paths into project directories. A directory means its Dockerfiles,
 * .dockerignore and compose files; a file is linted as what its name (or, for YAML, its content)
 * says it is. Throws a UsageError for a path that cannot be read or linted.
 */
export async function discover(paths: readonly string[], cwd: string): Promise<ProjectDirectory[]> {
  const projects = new Map<string, ProjectDirectory>();
  const project = async (directory: string) => {
    let found = projects.get(directory);
    if (!found) {
      found = { directory, files: [], neighbours: await listDirectory(directory, cwd, false) };
      projects.set(directory, found);
    }
    return found;
  };
  const add = (into: ProjectDirectory, file: SourceFile) => {
    if (!into.files.some((existing) => existing.absolute === file.absolute)) into.files.push(file);
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (error) {
      throw new UsageError(`cannot read ${given}: ${reason(error)}`);
    }
    if (isDirectory) {
      const files = await listDirectory(absolute, cwd, true);
      if (files.length === 0) throw new UsageError(`${given} has no Dockerfile, .dockerignore or compose file to lint (name Kubernetes manifests directly)`);
      const into = await project(absolute);
      for (const file of files) add(into, file);
      continue;
    }
    const probe = await readSource('dockerfile', absolute, cwd);
    const kind = kindOf(absolute, probe.text);
    if (!kind) throw new UsageError(`${given} is not a Dockerfile, .dockerignore, compose file or Kubernetes manifest`);
    add(await project(path.dirname(absolute)), { ...probe, kind });
  }
  return [...projects.values()];
}
