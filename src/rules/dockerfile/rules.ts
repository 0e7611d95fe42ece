import { df001 } from './df001-pinned-base-image.js';
import { df002 } from './df002-multi-stage.js';
import { df003 } from './df003-final-stage-sources.js';
import { df004 } from './df004-production-dependencies.js';
import { df005 } from './df005-manifests-before-sources.js';
import { df006 } from './df006-npm-ci.js';
import { df007 } from './df007-npm-cache-mount.js';
import { df008 } from './df008-non-root-user.js';
import { df009 } from './df009-exec-form.js';
import { df010 } from './df010-cmd-runs-node.js';
import { df011 } from './df011-healthcheck.js';
import { df012 } from './df012-no-secrets-in-arg-env.js';
import { df013 } from './df013-node-env-production.js';
import { df014 } from './df014-no-tls-bypass.js';
import { df015 } from './df015-logs-to-stdout.js';
import { df016 } from './df016-init-process.js';
import { df017 } from './df017-hygiene.js';
import { df018 } from './df018-valid-syntax.js';
import type { Rule } from '../types.js';

/** The Dockerfile rules, in id order. */
export const dockerfileRules: readonly Rule[] = [df001, df002, df003, df004, df005, df006, df007, df008, df009, df010, df011, df012, df013, df014, df015, df016, df017, df018];
