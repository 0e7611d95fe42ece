import { dc001 } from './dc001-no-version.js';
import { dc002 } from './dc002-memory-limit.js';
import { dc003 } from './dc003-depends-on-healthy.js';
import { dc004 } from './dc004-tags-and-secrets.js';
import { dc005 } from './dc005-valid-yaml.js';
import { dc006 } from './dc006-stop-grace-period.js';
import type { Rule } from '../types.js';

/** The Compose rules, in id order. */
export const composeRules: readonly Rule[] = [dc001, dc002, dc003, dc004, dc005, dc006];
