import { df001, df001Docs } from './df001-pinned-base-image.js';
import { df002, df002Docs } from './df002-multi-stage.js';
import { df003, df003Docs } from './df003-final-stage-sources.js';
import { df004, df004Docs } from './df004-production-dependencies.js';
import { df005, df005Docs } from './df005-manifests-before-sources.js';
import { df006, df006Docs } from './df006-npm-ci.js';
import { df007, df007Docs } from './df007-npm-cache-mount.js';
import { df008, df008Docs } from './df008-non-root-user.js';
import { df009, df009Docs } from './df009-exec-form.js';
import { df010, df010Docs } from './df010-cmd-runs-node.js';
import { df011, df011Docs } from './df011-healthcheck.js';
import { df012, df012Docs } from './df012-no-secrets-in-arg-env.js';
import { df013, df013Docs } from './df013-node-env-production.js';
import { df014, df014Docs } from './df014-no-tls-bypass.js';
import { df015, df015Docs } from './df015-logs-to-stdout.js';
import { df016, df016Docs } from './df016-init-process.js';
import { df017, df017Docs } from './df017-hygiene.js';
import { df018, df018Docs } from './df018-valid-syntax.js';
import type { DocumentedCheck, RuleCheck } from '../types.js';

/** The Dockerfile checks, in id order: what the engine runs. */
export const dockerfileChecks: readonly RuleCheck[] = [df001, df002, df003, df004, df005, df006, df007, df008, df009, df010, df011, df012, df013, df014, df015, df016, df017, df018];

/** The same checks, each with its documentation. */
export const dockerfileRules: readonly DocumentedCheck[] = [
  [df001, df001Docs],
  [df002, df002Docs],
  [df003, df003Docs],
  [df004, df004Docs],
  [df005, df005Docs],
  [df006, df006Docs],
  [df007, df007Docs],
  [df008, df008Docs],
  [df009, df009Docs],
  [df010, df010Docs],
  [df011, df011Docs],
  [df012, df012Docs],
  [df013, df013Docs],
  [df014, df014Docs],
  [df015, df015Docs],
  [df016, df016Docs],
  [df017, df017Docs],
  [df018, df018Docs],
];
