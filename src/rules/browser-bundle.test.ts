import path from 'node:path';
import { build } from 'esbuild';
import { BROWSER_ALIASES, esbuildNoSideEffects } from '../../scripts/browser-build.mjs';
import { describe, expect, it } from 'vitest';
import { checks } from './checks.js';
import { rules } from './registry.js';

const RULES_DIR = import.meta.dirname;

/** Bundles an entry as the site does for the browser: tree-shaken, with the same aliases and side-effect declarations. */
async function browserBundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(RULES_DIR, entry)],
    alias: BROWSER_ALIASES,
    plugins: [esbuildNoSideEffects],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('the engine the browser loads', () => {
  it('lists the same rules, in the same order, as the documented registry', () => {
    expect(checks.map((check) => check.id)).toEqual(rules.map((rule) => rule.id));
    expect(checks.every((check, i) => check.check === rules[i]!.check)).toBe(true);
  });

  it.each(['lint.ts', 'lint-docker.ts', 'lint-dockerfile.ts'])('%s runs every check but carries none of the rules’ documentation', async (entry) => {
    const code = await browserBundle(entry);
    expect(code).toContain('DF009');
    for (const rule of rules) {
      // A stretch of plain prose from each rationale, which reads the same in the bundled source.
      const prose = rule.rationale.match(/[A-Za-z][A-Za-z ,.;()-]{40,}/)?.[0];
      expect(prose, `${rule.id}'s rationale has plain prose`).toBeDefined();
      expect(code, `${rule.id}'s rationale`).not.toContain(prose);
    }
    expect(code).not.toMatch(/vscode-languageserver-(types|textdocument)\/lib/);
  });

  it('takes yaml’s parser, not its composer, document model or schemas', async () => {
    const code = await browserBundle('lint.ts');
    expect(code).toMatch(/yaml\/browser\/dist\/parse\/parser\.js/);
    expect(code).not.toMatch(/yaml\/browser\/dist\/(compose\/compose|doc\/Document|schema\/)/);
  });
});
