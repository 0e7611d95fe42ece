import { ks001 } from './ks001-probes.js';
import { ks002 } from './ks002-prestop-hook.js';
import { ks003 } from './ks003-termination-grace-period.js';
import { ks004 } from './ks004-resources.js';
import { ks005 } from './ks005-run-as-non-root.js';
import { ks006 } from './ks006-valid-manifest.js';
import type { Rule } from '../types.js';

/** The Kubernetes rules, in id order. */
export const kubernetesRules: readonly Rule[] = [ks001, ks002, ks003, ks004, ks005, ks006];
