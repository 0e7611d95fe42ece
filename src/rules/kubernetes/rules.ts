import { ks001, ks001Docs } from './ks001-probes.js';
import { ks002, ks002Docs } from './ks002-prestop-hook.js';
import { ks003, ks003Docs } from './ks003-termination-grace-period.js';
import { ks004, ks004Docs } from './ks004-resources.js';
import { ks005, ks005Docs } from './ks005-run-as-non-root.js';
import { ks006, ks006Docs } from './ks006-valid-manifest.js';
import type { DocumentedCheck, RuleCheck } from '../types.js';

/** The Kubernetes checks, in id order: what the engine runs. */
export const kubernetesChecks: readonly RuleCheck[] = [ks001, ks002, ks003, ks004, ks005, ks006];

/** The same checks, each with its documentation. */
export const kubernetesRules: readonly DocumentedCheck[] = [
  [ks001, ks001Docs],
  [ks002, ks002Docs],
  [ks003, ks003Docs],
  [ks004, ks004Docs],
  [ks005, ks005Docs],
  [ks006, ks006Docs],
];
