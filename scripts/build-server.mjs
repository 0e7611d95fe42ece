// Bundles the site server and the CLI into plain JavaScript for Node, so production runs
// `node dist/server/main.js` with no TypeScript tooling; runtime packages stay external and
// come from the production node_modules.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

const common = { ...NODE_BUNDLE, logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server/main.js' });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.js',
  banner: { js: '#!/usr/bin/env node' },
});
