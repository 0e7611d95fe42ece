import { dc001, dc001Docs } from './dc001-no-version.js';
import { dc002, dc002Docs } from './dc002-memory-limit.js';
import { dc003, dc003Docs } from './dc003-depends-on-healthy.js';
import { dc004, dc004Docs } from './dc004-tags-and-secrets.js';
import { dc005, dc005Docs } from './dc005-valid-yaml.js';
import { dc006, dc006Docs } from './dc006-stop-grace-period.js';
import type { DocumentedCheck, RuleCheck } from '../types.js';

/** The Compose checks, in id order: what the engine runs. */
export const composeChecks: readonly RuleCheck[] = [dc001, dc002, dc003, dc004, dc005, dc006];

/**
 * The checks that judge what a compose file says rather than what it leaves out, so the ones
 * that apply to an override file (compose.override.yaml): Compose merges it into the main file,
 * which is where its memory limits, init and grace periods come from.
 */
export const COMPOSE_OVERRIDE_CHECKS: ReadonlySet<string> = new Set([dc001.id, dc003.id, dc004.id, dc005.id]);

/** The same checks, each with its documentation. */
export const composeRules: readonly DocumentedCheck[] = [
  [dc001, dc001Docs],
  [dc002, dc002Docs],
  [dc003, dc003Docs],
  [dc004, dc004Docs],
  [dc005, dc005Docs],
  [dc006, dc006Docs],
];
