// How the site bundles code for the browser, shared by astro.config.mjs, the size benchmark
// (scripts/bench-rules.mjs) and the test that inspects the browser bundles, so all three measure
// the same thing.
import { fileURLToPath } from 'node:url';

const shim = (file) => fileURLToPath(new URL(`../src/rules/dockerfile/${file}`, import.meta.url));

/** dockerfile-ast needs a sliver of these two packages; the shims keep the rest out of the browser. */
export const BROWSER_ALIASES = {
  'vscode-languageserver-types': shim('lsp-types-shim.ts'),
  'vscode-languageserver-textdocument': shim('text-document-shim.ts'),
};

/**
 * Modules that do nothing when imported but whose package does not declare `sideEffects: false`.
 * yaml is one: declaring it lets the bundler keep only the parser the rules use, and drop the
 * composer, document model, stringifier and YAML 1.1 schema that its index module re-exports.
 */
const PURE_PACKAGES = ['yaml'];
const PURE_MODULE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${PURE_PACKAGES.join('|')})[\\\\/]`);
export const hasNoSideEffects = (id) => PURE_MODULE.test(id);

/** The same declaration for esbuild, which takes it from a plugin. */
export const esbuildNoSideEffects = {
  name: 'no-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      // Only imports of such a package, or from inside one, can resolve to one of its modules.
      if (args.pluginData === 'no-side-effects' || (!PURE_PACKAGES.includes(args.path) && !hasNoSideEffects(args.importer))) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'no-side-effects' });
      return hasNoSideEffects(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};
