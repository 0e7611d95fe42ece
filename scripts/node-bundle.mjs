// How the release build bundles TypeScript for Node (scripts/build-server.mjs): ESM for the
// Node version the image runs, packages left external to come from node_modules. The tests and
// scripts that bundle the server, the CLI or the rules to run them use the same options.

/** @type {import('esbuild').BuildOptions} */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
};
