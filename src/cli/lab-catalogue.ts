/**
 * Where `shipshape lab` finds the labs. The production image holds the built site but not the
 * repository's labs/ folder, so the labs come from the bundles the build publishes for the
 * browser (dist/site/labs/<slug>/bundle.json and dist/site/labs/harness.json), found next to
 * the CLI (dist/cli/main.js). Run from the repository before a build, they come from labs/.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HarnessBundle, LabBundle } from '../labs/bundle.js';
import { MANIFEST_FILE, loadLab } from '../labs/load-lab.js';
import { UsageError } from './io.js';

export interface LabCatalogue {
  /** Where the labs are read from, for messages. */
  location: string;
  slugs(): Promise<string[]>;
  /** undefined when there is no lab of that name. */
  lab(slug: string): Promise<LabBundle | undefined>;
  harness(): Promise<HarnessBundle>;
}

export interface LabLocations {
  /** The built site, holding labs/harness.json and labs/<slug>/bundle.json. */
  siteDir: string;
  /** The repository's labs/ folder. */
  labsDir: string;
}

/** Relative to this module, which the build bundles into dist/cli/main.js. */
export const DEFAULT_LAB_LOCATIONS: LabLocations = {
  siteDir: fileURLToPath(new URL('../site/', import.meta.url)),
  labsDir: fileURLToPath(new URL('../../labs/', import.meta.url)),
};

const HARNESS_FOLDER = 'harness';
/** A lab's slug as the manifest allows it; anything else cannot name a lab (or a path). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function openLabCatalogue(locations: LabLocations = DEFAULT_LAB_LOCATIONS): Promise<LabCatalogue> {
  const publishedLabs = path.join(locations.siteDir, 'labs');
  if (await isFile(path.join(publishedLabs, 'harness.json'))) return publishedCatalogue(publishedLabs);
  if (await isFile(path.join(locations.labsDir, HARNESS_FOLDER, 'supervisor.mjs'))) return sourceCatalogue(locations.labsDir);
  throw new UsageError(`no labs found: neither ${publishedLabs} (a built site) nor ${locations.labsDir} (the repository) holds any`);
}

function publishedCatalogue(labsDir: string): LabCatalogue {
  const bundlePath = (slug: string) => path.join(labsDir, slug, 'bundle.json');
  return {
    location: labsDir,
    slugs: () => slugsWith(labsDir, 'bundle.json'),
    lab: async (slug) => (SLUG.test(slug) && (await isFile(bundlePath(slug))) ? readJson<LabBundle>(bundlePath(slug)) : undefined),
    harness: () => readJson<HarnessBundle>(path.join(labsDir, 'harness.json')),
  };
}

function sourceCatalogue(labsDir: string): LabCatalogue {
  return {
    location: labsDir,
    slugs: () => slugsWith(labsDir, MANIFEST_FILE),
    lab: async (slug) => {
      if (!SLUG.test(slug) || !(await isFile(path.join(labsDir, slug, MANIFEST_FILE)))) return undefined;
      const { manifest, starter, solution } = await loadLab(path.join(labsDir, slug));
      return { manifest, starter, solution };
    },
    harness: async () => {
      // What a runtime needs of the harness: the modules at its top level, not its tests or fixtures.
      const harnessDir = path.join(labsDir, HARNESS_FOLDER);
      const names = (await readdir(harnessDir)).filter((name) => name.endsWith('.mjs')).sort();
      const files: HarnessBundle['files'] = {};
      for (const name of names) files[name] = await readFile(path.join(harnessDir, name), 'utf8');
      return { files };
    },
  };
}

/** The folders under `dir` that hold `file`, sorted. */
async function slugsWith(dir: string, file: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const slugs: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && SLUG.test(entry.name) && (await isFile(path.join(dir, entry.name, file)))) slugs.push(entry.name);
  }
  return slugs.sort();
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
