import type { LabManifest } from './manifest.js';

/**
 * What the build publishes for each lab at /labs/<slug>/bundle.json and for the harness at
 * /labs/harness.json. The browser mounts these files into a WebContainer; the server runtime
 * writes the same files into a session folder. One bundle, two runtimes.
 */
export interface LabBundle {
  manifest: LabManifest;
  /** Every file the learner sees, by path relative to the lab's starter/ folder. */
  starter: Record<string, string>;
  /** The editable files that the solution changes. */
  solution: Record<string, string>;
}

export interface HarnessBundle {
  /** Harness files by path relative to labs/harness/. */
  files: Record<string, string>;
}

/** Where the harness lives inside a runtime's file system, beside the lab's own files. */
export const HARNESS_DIR = '.harness';
export const SUPERVISOR_FILE = `${HARNESS_DIR}/supervisor.mjs`;
/** Where the lab's own files live inside a runtime's file system. */
export const APP_DIR = 'app';
