import { di001 } from './di001-dockerignore-exists.js';
import { di002 } from './di002-essential-exclusions.js';
import { di003 } from './di003-copied-paths-not-ignored.js';
import { di004 } from './di004-valid-patterns.js';
import type { Rule } from '../types.js';

/** The .dockerignore rules, in id order. */
export const dockerignoreRules: readonly Rule[] = [di001, di002, di003, di004];
