import { di001, di001Docs } from './di001-dockerignore-exists.js';
import { di002, di002Docs } from './di002-essential-exclusions.js';
import { di003, di003Docs } from './di003-copied-paths-not-ignored.js';
import { di004, di004Docs } from './di004-valid-patterns.js';
import type { DocumentedCheck, RuleCheck } from '../types.js';

/** The .dockerignore checks, in id order: what the engine runs. */
export const dockerignoreChecks: readonly RuleCheck[] = [di001, di002, di003, di004];

/** The same checks, each with its documentation. */
export const dockerignoreRules: readonly DocumentedCheck[] = [
  [di001, di001Docs],
  [di002, di002Docs],
  [di003, di003Docs],
  [di004, di004Docs],
];
